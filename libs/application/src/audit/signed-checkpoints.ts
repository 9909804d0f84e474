import { listCheckpoints, SignedCheckpoint } from '@civic-ledger/audit';
import { EventStore } from '@civic-ledger/event-store';
import { ApplicationError } from '../shared/application-error';

/** What the proof queries share: finding a signed checkpoint and writing proofs as hex. */

export const hex = (proof: Buffer[]) => proof.map((b) => b.toString('hex'));

/** The signed checkpoint of that tree size (the latest when none is given); VALIDATION.FAILED on `field` when there is none. */
export async function checkpointOfSize(events: EventStore, treeSize: number | undefined, field: string): Promise<SignedCheckpoint> {
  const all = await listCheckpoints(events);
  const found = treeSize === undefined ? all[all.length - 1] : all.find((c) => c.treeSize === treeSize);
  if (!found) throw new ApplicationError('VALIDATION.FAILED', 'No signed checkpoint of that tree size; list them at /v1/audit/checkpoints or sign one.', [{ field, messages: ['no such checkpoint'] }]);
  return found;
}
