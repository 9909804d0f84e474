import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { RecordedEvent } from './event-store.port';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashableEvent = Omit<RecordedEvent, 'hash' | 'position'>;

/**
 * SHA-256 over the RFC 8785 canonical JSON of the envelope (everything but the hash itself and the
 * store-specific global position). The chain links each event to its stream predecessor.
 */
export function eventHash(event: HashableEvent): string {
  const canonical = canonicalize({
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
    schemaVersion: event.schemaVersion,
    idempotency: event.idempotency ?? null,
    data: event.data,
    prevHash: event.prevHash,
  });
  if (canonical === undefined) throw new Error('Event cannot be canonicalised.');
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainBreak =
  | { kind: 'hash-mismatch'; streamId: string; revision: number; position: number }
  | { kind: 'broken-link'; streamId: string; revision: number; position: number }
  | { kind: 'revision-gap'; streamId: string; expectedRevision: number; foundRevision: number; position: number };

/** Checks one event against the previous event of its stream (undefined for the first). */
export function checkLink(event: RecordedEvent, previous: { revision: number; hash: string } | undefined): ChainBreak | null {
  const expectedRevision = previous ? previous.revision + 1 : 0;
  const base = { streamId: event.streamId, position: event.position };
  if (event.revision !== expectedRevision) return { kind: 'revision-gap', ...base, expectedRevision, foundRevision: event.revision };
  if (event.prevHash !== (previous ? previous.hash : GENESIS_HASH)) return { kind: 'broken-link', ...base, revision: event.revision };
  if (eventHash(event) !== event.hash) return { kind: 'hash-mismatch', ...base, revision: event.revision };
  return null;
}
