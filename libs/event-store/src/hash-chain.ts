import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { RecordedEvent } from './event-store.port';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashableEvent = Omit<RecordedEvent, 'hash' | 'position'>;

/** The hashed envelope members in RFC 8785 order (UTF-16 code units), each with its JSON name. */
const MEMBERS = (['actor', 'causationId', 'correlationId', 'data', 'id', 'idempotency', 'occurredAt', 'prevHash', 'recordedAt', 'revision', 'schemaVersion', 'streamId', 'type'] as const)
  .map((name) => [name, `${JSON.stringify(name)}:`] as const);
/** The members only the store knows when it writes (the chain link, the system time, the revision); they sit together in canonical order. */
const PLACED = new Set(['prevHash', 'recordedAt', 'revision']);

/**
 * The canonical JSON of an event's hashed envelope around the members the store fills in when it writes:
 * `before` ends where `"prevHash"` starts, `after` holds what follows `"revision"`. Computed where the event
 * is prepared; `hashWithPlace` completes it where the event is written.
 */
export interface HashParts {
  readonly before: string;
  readonly after: string;
}

export function hashParts(event: Omit<HashableEvent, 'prevHash' | 'recordedAt' | 'revision'>): HashParts {
  const envelope: Record<(typeof MEMBERS)[number][0], unknown> = {
    actor: event.actor, causationId: event.causationId, correlationId: event.correlationId, data: event.data, id: event.id,
    idempotency: event.idempotency ?? null, occurredAt: event.occurredAt, prevHash: undefined, recordedAt: undefined,
    revision: undefined, schemaVersion: event.schemaVersion, streamId: event.streamId, type: event.type,
  };
  let before = '';
  let after = '';
  let placed = false;
  for (const [name, key] of MEMBERS) {
    if (PLACED.has(name)) {
      placed = true;
      continue;
    }
    const value = envelope[name];
    if (value === undefined) continue;
    const member = `${key}${canonicalJson(value)}`;
    if (placed) after += `,${member}`;
    else before += `${before ? ',' : '{'}${member}`;
  }
  return { before, after };
}

/** SHA-256 of the canonical envelope, given its parts and the members placed when it is written. */
export function hashWithPlace(parts: HashParts, prevHash: string, recordedAt: string, revision: number): string {
  const placed = `"prevHash":${JSON.stringify(prevHash)},"recordedAt":${JSON.stringify(recordedAt)},"revision":${canonicalJson(revision)}`;
  return createHash('sha256').update(`${parts.before ? `${parts.before},` : '{'}${placed}${parts.after}}`).digest('hex');
}

/**
 * SHA-256 over the RFC 8785 canonical JSON of the envelope (everything but the hash itself and the
 * store-specific global position). The chain links each event to its stream predecessor. The envelope's
 * members are known, so they are written in canonical order directly; only values go through canonicalJson.
 */
export function eventHash(event: HashableEvent): string {
  return hashWithPlace(hashParts(event), event.prevHash, event.recordedAt, event.revision);
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
