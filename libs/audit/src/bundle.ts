import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

/** The files of a bundle by name (manifest.json included), as written to a directory or carried in one document. */
export type BundleFiles = Record<string, string>;

/** A bundle as one JSON document (the HTTP download): the directory's files by name, unchanged. */
export interface BundleDocument {
  readonly format: typeof BUNDLE_FORMAT;
  readonly files: BundleFiles;
}

/** A self-contained, offline-verifiable record of one party: events, chains, proofs, signed root, key. */
export function writeBundle(dir: string, input: BundleInput): { files: Record<string, string> } {
  mkdirSync(dir, { recursive: true });
  const bundle = bundleFiles(input);
  for (const [name, content] of Object.entries(bundle)) writeFileSync(join(dir, name), content);
  return { files: (JSON.parse(bundle['manifest.json']) as { files: Record<string, string> }).files };
}

/** The bundle's files in memory: what `writeBundle` writes, and what the HTTP route sends as one document. */
export function bundleFiles(input: BundleInput): BundleFiles {
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
  for (const name of FILES) files[name] = sha256(contents[name]);
  const manifest = { format: BUNDLE_FORMAT, partyId: input.partyId, asOf: input.asOf, createdAt: input.createdAt, eventCount: input.events.length, checkpoint: { treeSize: input.checkpoint.treeSize, rootHash: input.checkpoint.rootHash }, files };
  return { ...contents, 'manifest.json': JSON.stringify(manifest, null, 2) };
}

export interface BundleReport {
  ok: boolean;
  partyId: string | null;
  events: number;
  problems: string[];
}

type ReadFile = (name: string) => string | null;

function read(file: ReadFile, name: string, problems: string[]): string | null {
  const content = file(name);
  if (content === null) problems.push(`${name} is missing`);
  return content;
}

function fromDirectory(dir: string): ReadFile {
  return (name) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      return null;
    }
  };
}

/**
 * Verifies a bundle with nothing but its files: hashes, signature, chains, inclusion proofs. `path` is a
 * bundle directory (`export --bundle`) or a bundle document (the JSON file `GET /v1/audit/bundles/{partyId}` sends).
 */
export function verifyBundle(path: string): BundleReport {
  if (statSync(path, { throwIfNoEntry: false })?.isFile()) return verifyBundleDocument(readFileSync(path, 'utf8'));
  return verifyBundleFiles(fromDirectory(path));
}

/** Verifies a bundle document (one JSON file holding the bundle's files). */
export function verifyBundleDocument(text: string): BundleReport {
  let doc: Partial<BundleDocument>;
  try {
    doc = JSON.parse(text) as Partial<BundleDocument>;
  } catch {
    return { ok: false, partyId: null, events: 0, problems: ['the file is not a bundle document (not JSON)'] };
  }
  if (doc.format !== BUNDLE_FORMAT || typeof doc.files !== 'object' || doc.files === null) {
    return { ok: false, partyId: null, events: 0, problems: [`the file is not a bundle document (format ${String(doc.format)})`] };
  }
  const files = doc.files;
  return verifyBundleFiles((name) => (Object.prototype.hasOwnProperty.call(files, name) && typeof files[name] === 'string' ? files[name] : null));
}

function verifyBundleFiles(file: ReadFile): BundleReport {
  const problems: string[] = [];
  const manifestText = read(file, 'manifest.json', problems);
  const manifest = manifestText ? (JSON.parse(manifestText) as { format: string; partyId: string; files: Record<string, string> }) : null;
  const text: Partial<Record<string, string>> = {};
  for (const name of FILES) {
    const content = read(file, name, problems);
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
