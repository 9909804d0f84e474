import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLink, RecordedEvent } from '@civic-ledger/event-store';
import { SignedCheckpoint, verifyCheckpointSignature } from './checkpoints';
import { inclusionProof, leafHash, verifyInclusion } from './merkle';

export const BUNDLE_FORMAT = 'civic-ledger-bundle/1';
const FILES = ['events.ndjson', 'proofs.json', 'checkpoint.json', 'public-key.pem'] as const;

export interface BundleInput {
  partyId: string;
  asOf: string | null;
  /** The party's events (all its streams), oldest first. */
  events: readonly RecordedEvent[];
  checkpoint: SignedCheckpoint;
  /** Leaf hashes of the ledger up to the checkpoint, and the position of each. */
  leaves: readonly Buffer[];
  positions: readonly number[];
  publicKeyPem: string;
  createdAt: string;
}

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

/** A self-contained, offline-verifiable record of one party: events, chains, proofs, signed root, key. */
export function writeBundle(dir: string, input: BundleInput): { files: Record<string, string> } {
  mkdirSync(dir, { recursive: true });
  const indexOf = new Map(input.positions.map((p, i) => [p, i]));
  const proofs = input.events.map((e) => {
    const leafIndex = indexOf.get(e.position);
    if (leafIndex === undefined || leafIndex >= input.checkpoint.treeSize) throw new Error(`Event at position ${e.position} is not covered by the checkpoint.`);
    return { eventId: e.id, leafIndex, proof: inclusionProof(input.leaves, leafIndex, input.checkpoint.treeSize).map((b) => b.toString('hex')) };
  });
  const contents: Record<(typeof FILES)[number], string> = {
    'events.ndjson': input.events.map((e) => JSON.stringify(e)).join('\n') + '\n',
    'proofs.json': JSON.stringify(proofs, null, 1),
    'checkpoint.json': JSON.stringify(input.checkpoint, null, 2),
    'public-key.pem': input.publicKeyPem,
  };
  const files: Record<string, string> = {};
  for (const name of FILES) {
    writeFileSync(join(dir, name), contents[name]);
    files[name] = sha256(contents[name]);
  }
  const manifest = { format: BUNDLE_FORMAT, partyId: input.partyId, asOf: input.asOf, createdAt: input.createdAt, eventCount: input.events.length, checkpoint: { treeSize: input.checkpoint.treeSize, rootHash: input.checkpoint.rootHash }, files };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { files };
}

export interface BundleReport {
  ok: boolean;
  partyId: string | null;
  events: number;
  problems: string[];
}

function read(dir: string, name: string, problems: string[]): string | null {
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch {
    problems.push(`${name} is missing`);
    return null;
  }
}

/** Verifies a bundle with nothing but its files: hashes, signature, chains, inclusion proofs. */
export function verifyBundle(dir: string): BundleReport {
  const problems: string[] = [];
  const manifestText = read(dir, 'manifest.json', problems);
  const manifest = manifestText ? (JSON.parse(manifestText) as { format: string; partyId: string; files: Record<string, string> }) : null;
  const text: Partial<Record<string, string>> = {};
  for (const name of FILES) {
    const content = read(dir, name, problems);
    if (content === null) continue;
    text[name] = content;
    if (manifest && manifest.files[name] !== sha256(content)) problems.push(`${name} was altered after the bundle was made (its SHA-256 differs from the manifest)`);
  }
  if (manifest && manifest.format !== BUNDLE_FORMAT) problems.push(`unknown bundle format ${manifest.format}`);
  if (!text['events.ndjson'] || !text['checkpoint.json'] || !text['proofs.json'] || !text['public-key.pem']) return { ok: false, partyId: manifest?.partyId ?? null, events: 0, problems };
  const checkpoint = JSON.parse(text['checkpoint.json']) as SignedCheckpoint;
  if (!verifyCheckpointSignature(checkpoint, text['public-key.pem'])) problems.push('the checkpoint signature does not verify with the bundled public key');
  const events = text['events.ndjson'].split('\n').filter(Boolean).map((l) => JSON.parse(l) as RecordedEvent);
  const proofs = new Map((JSON.parse(text['proofs.json']) as { eventId: string; leafIndex: number; proof: string[] }[]).map((p) => [p.eventId, p]));
  const root = Buffer.from(checkpoint.rootHash, 'hex');
  const heads = new Map<string, { revision: number; hash: string }>();
  let lastPosition = 0;
  events.forEach((event, line) => {
    const where = `event ${event.id} (stream ${event.streamId}, revision ${event.revision})`;
    if (event.position <= lastPosition) problems.push(`${where} is out of order at line ${line + 1}`);
    lastPosition = Math.max(lastPosition, event.position);
    const problem = checkLink(event, heads.get(event.streamId));
    if (problem?.kind === 'hash-mismatch') problems.push(`${where} was edited: its content does not match its hash`);
    if (problem?.kind === 'broken-link') problems.push(`${where} does not follow the previous event of its stream (an event was removed or reordered before it)`);
    if (problem?.kind === 'revision-gap') problems.push(`stream ${event.streamId}: expected revision ${problem.expectedRevision}, found ${problem.foundRevision} (an event is missing or reordered)`);
    heads.set(event.streamId, { revision: event.revision, hash: event.hash });
    const proof = proofs.get(event.id);
    if (!proof) problems.push(`${where} has no inclusion proof`);
    else if (!verifyInclusion(leafHash(event.hash), proof.leafIndex, checkpoint.treeSize, proof.proof.map((h) => Buffer.from(h, 'hex')), root)) {
      problems.push(`${where} is not in the signed ledger (inclusion proof fails against root ${checkpoint.rootHash.slice(0, 12)}…)`);
    }
  });
  return { ok: problems.length === 0, partyId: manifest?.partyId ?? null, events: events.length, problems };
}
