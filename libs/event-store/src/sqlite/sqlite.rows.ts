import { RecordedEvent } from '../event-store.port';

export interface EventRow {
  position: number;
  id: string;
  stream_id: string;
  revision: number;
  type: string;
  occurred_at: string;
  recorded_at: string;
  envelope: string;
  data: string;
  prev_hash: string;
  hash: string;
}

type EnvelopeColumns = Pick<RecordedEvent, 'actor' | 'correlationId' | 'causationId' | 'schemaVersion' | 'idempotency'>;

export function envelopeColumn(event: EnvelopeColumns): string {
  return JSON.stringify({
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId,
    schemaVersion: event.schemaVersion,
    ...(event.idempotency ? { idempotency: event.idempotency } : {}),
  });
}

export function rowToEvent(row: EventRow): RecordedEvent {
  const envelope = JSON.parse(row.envelope) as EnvelopeColumns;
  return {
    id: row.id,
    type: row.type,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    ...envelope,
    data: JSON.parse(row.data) as RecordedEvent['data'],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
