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
  const columns: { -readonly [K in keyof EnvelopeColumns]: EnvelopeColumns[K] } = {
    actor: event.actor, correlationId: event.correlationId, causationId: event.causationId, schemaVersion: event.schemaVersion,
  };
  // Added, not spread: the same text, without a copy of the object per append.
  if (event.idempotency) columns.idempotency = event.idempotency;
  return JSON.stringify(columns);
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
