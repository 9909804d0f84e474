import { ResolvedEvent } from '@eventstore/db-client';
import { JsonObject, NewEvent, RecordedEvent } from '../event-store.port';

/** What civic-ledger keeps in an EventStoreDB event's custom metadata. */
interface EsdbMetadata {
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly $correlationId: string;
  readonly $causationId: string | null;
  readonly schemaVersion: number;
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
  readonly prevHash: string;
  readonly hash: string;
}

export function toEsdbMetadata(event: NewEvent, recordedAt: string, prevHash: string, hash: string): JsonObject {
  const metadata: EsdbMetadata = {
    occurredAt: event.occurredAt, recordedAt, actor: event.actor,
    $correlationId: event.correlationId, $causationId: event.causationId, schemaVersion: event.schemaVersion,
    ...(event.idempotency ? { idempotency: event.idempotency } : {}),
    prevHash, hash,
  };
  return metadata as unknown as JsonObject;
}

/** System events (`$`-prefixed types or streams) never reach civic-ledger's consumers. */
export function isSystemEvent(resolved: ResolvedEvent): boolean {
  const event = resolved.event;
  return !event || event.type.startsWith('$') || event.streamId.startsWith('$');
}

export function fromResolved(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event || !event.isJson) throw new Error('Not a civic-ledger event: no JSON event in the record.');
  if (!event.position) {
    throw new Error('EventStoreDB sent no $all position with the event; civic-ledger needs EventStoreDB 22.10 or later.');
  }
  const m = event.metadata as unknown as EsdbMetadata | undefined;
  if (!m || typeof m.hash !== 'string') throw new Error(`Event ${event.id} in ${event.streamId} was not written by civic-ledger (no envelope metadata).`);
  return {
    id: event.id, type: event.type, data: event.data as JsonObject, streamId: event.streamId,
    revision: Number(event.revision), position: Number(event.position.commit),
    occurredAt: m.occurredAt, recordedAt: m.recordedAt, actor: m.actor, correlationId: m.$correlationId,
    causationId: m.$causationId ?? null, schemaVersion: m.schemaVersion,
    ...(m.idempotency ? { idempotency: m.idempotency } : {}),
    prevHash: m.prevHash, hash: m.hash,
  };
}
