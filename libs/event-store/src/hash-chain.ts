import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { RecordedEvent } from './event-store.port';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashableEvent = Omit<RecordedEvent, 'hash' | 'position'>;

/** The hashed envelope members in RFC 8785 order (UTF-16 code units), each with its JSON name. */
const MEMBERS = (['actor', 'causationId', 'correlationId', 'data', 'id', 'idempotency', 'occurredAt', 'prevHash', 'recordedAt', 'revision', 'schemaVersion', 'streamId', 'type'] as const)
  .map((name) => [name, `${JSON.stringify(name)}:`] as const);

/**
 * SHA-256 over the RFC 8785 canonical JSON of the envelope (everything but the hash itself and the
 * store-specific global position). The chain links each event to its stream predecessor. The envelope's
 * members are known, so they are written in canonical order directly; only values go through canonicalJson.
 */
export function eventHash(event: HashableEvent): string {
  const envelope: Record<(typeof MEMBERS)[number][0], unknown> = {
    actor: event.actor, causationId: event.causationId, correlationId: event.correlationId, data: event.data, id: event.id,
    idempotency: event.idempotency ?? null, occurredAt: event.occurredAt, prevHash: event.prevHash, recordedAt: event.recordedAt,
    revision: event.revision, schemaVersion: event.schemaVersion, streamId: event.streamId, type: event.type,
  };
  let canonical = '';
  for (const [name, key] of MEMBERS) {
    const value = envelope[name];
    if (value === undefined) continue;
    canonical += `${canonical ? ',' : '{'}${key}${canonicalJson(value)}`;
  }
  return createHash('sha256').update(`${canonical || '{'}}`).digest('hex');
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
