import { EventStore } from '@civic-ledger/event-store';
import { ReadStore } from '@civic-ledger/read-models';
import { BUNDLE_FORMAT, BundleDocument, bundleFiles, BundleInput, writeBundle } from './bundle';
import { CheckpointSigner, createCheckpoint, ledgerLeaves, listCheckpoints, SignedCheckpoint } from './checkpoints';
import { partyStreamIds, readStreamsInOrder } from './party-streams';
import { isVisibleAt } from './point-in-time';

export interface PartyBundleResult {
  events: number;
  checkpoint: SignedCheckpoint;
  createdCheckpoint: boolean;
}

/**
 * Writes the offline-verifiable bundle of a party as known at `asOf`: its events, chains, inclusion
 * proofs against the latest signed checkpoint that covers them (signing a new one when none does).
 */
export async function exportPartyBundle(
  events: EventStore, views: ReadStore, signer: CheckpointSigner, partyId: string, asOf: string | null, dir: string, now: Date,
): Promise<PartyBundleResult> {
  const { input, result } = await partyBundleInput(events, views, signer, partyId, asOf, now);
  writeBundle(dir, input);
  return result;
}

/** The same bundle as one JSON document (the files by name), for a download that `verify-bundle` reads as it is. */
export async function partyBundleDocument(
  events: EventStore, views: ReadStore, signer: CheckpointSigner, partyId: string, asOf: string | null, now: Date,
): Promise<{ document: BundleDocument; result: PartyBundleResult }> {
  const { input, result } = await partyBundleInput(events, views, signer, partyId, asOf, now);
  return { document: { format: BUNDLE_FORMAT, files: bundleFiles(input) }, result };
}

async function partyBundleInput(
  events: EventStore, views: ReadStore, signer: CheckpointSigner, partyId: string, asOf: string | null, now: Date,
): Promise<{ input: BundleInput; result: PartyBundleResult }> {
  const streams = await partyStreamIds(views, partyId);
  if (streams.length === 0) throw new Error(`No party ${partyId}.`);
  const history = (await readStreamsInOrder(events, streams)).filter((e) => isVisibleAt(e, { asOf: asOf ?? undefined }));
  if (history.length === 0) throw new Error(`Party ${partyId} was not known as of ${asOf}.`);
  const needed = history[history.length - 1].position;
  const covering = (await listCheckpoints(events)).filter((c) => c.position >= needed).pop();
  const checkpoint = covering ?? await createCheckpoint(events, signer, now);
  const { leaves, positions } = await ledgerLeaves(events, checkpoint.position);
  const input = { partyId, asOf, events: history, checkpoint, leaves, positions, publicKeyPem: signer.publicKeyPem, createdAt: now.toISOString() };
  return { input, result: { events: history.length, checkpoint, createdCheckpoint: !covering } };
}
