import type { FastifyReply } from 'fastify';
import { CommandOutcome } from '@civic-ledger/application';
import { etagFor } from './request-meta';

export interface WriteResult {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
  readonly replayed: boolean;
}

/**
 * Sets the headers of a successful write: ETag (stream revision), X-Ledger-Position (pass it as
 * X-Min-Position to read your own write), Location for creations, Idempotent-Replayed on a retry.
 */
export function writeResponse(res: FastifyReply, id: string, outcome: CommandOutcome, location?: string): WriteResult {
  res.header('ETag', etagFor(outcome.revision));
  res.header('X-Ledger-Position', String(outcome.position));
  if (location) res.header('Location', location);
  if (outcome.replayed) res.header('Idempotent-Replayed', 'true');
  return { id, revision: outcome.revision, position: outcome.position, replayed: outcome.replayed };
}
