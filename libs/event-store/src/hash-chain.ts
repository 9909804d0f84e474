import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { RecordedEvent } from './event-store.port';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashableEvent = Omit<RecordedEvent, 'hash' | 'position'>;

/**
 * The canonical JSON of an event's hashed envelope around the members the store fills in when it writes:
 * `before` ends where `"prevHash"` starts, `after` holds what follows `"revision"`. Computed where the event
 * is prepared; `hashWithPlace` completes it where the event is written.
 */
export interface HashParts {
  readonly before: string;
  readonly after: string;
}

/** `,"name":<canonical value>`, or nothing for an undefined member (left out, as RFC 8785 serialisers do). */
function member(name: string, value: unknown): string {
  return value === undefined ? '' : `,"${name}":${canonicalJson(value)}`;
}

/**
 * The envelope's members are known, so they are written in canonical order (RFC 8785: UTF-16 code units)
 * directly — actor, causationId, correlationId, data, id, idempotency, occurredAt, then the placed prevHash,
 * recordedAt, revision, then schemaVersion, streamId, type — and only values go through canonicalJson.
 */
export function hashParts(event: Omit<HashableEvent, 'prevHash' | 'recordedAt' | 'revision' | 'streamId'>, streamId: string): HashParts {
  const before = member('actor', event.actor) + member('causationId', event.causationId) + member('correlationId', event.correlationId)
    + member('data', event.data) + member('id', event.id) + member('idempotency', event.idempotency ?? null) + member('occurredAt', event.occurredAt);
  const after = member('schemaVersion', event.schemaVersion) + member('streamId', streamId) + member('type', event.type);
  return { before: before ? `{${before.slice(1)}` : '', after };
}

/** SHA-256 of the canonical envelope, given its parts and the members placed when it is written. */
export function hashWithPlace(parts: HashParts, prevHash: string, recordedAt: string, revision: number): string {
  const placed = `"prevHash":${JSON.stringify(prevHash)},"recordedAt":${JSON.stringify(recordedAt)},"revision":${canonicalJson(revision)}`;
  // One-shot hash (no Hash object per event): the same SHA-256 of the same UTF-8 text.
  return hash('sha256', `${parts.before ? `${parts.before},` : '{'}${placed}${parts.after}}`, 'hex');
}

/**
 * SHA-256 over the RFC 8785 canonical JSON of the envelope (everything but the hash itself and the
 * store-specific global position). The chain links each event to its stream predecessor.
 */
export function eventHash(event: HashableEvent): string {
  return hashWithPlace(hashParts(event, event.streamId), event.prevHash, event.recordedAt, event.revision);
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
