import { v5 as uuidv5 } from 'uuid';
import { RecordedEvent } from '@civic-ledger/event-store';
import { OutboundMessage } from './event-publisher.port';
import { PartyProfile } from './party-profile';
import { categoryOf, PublicEvent, publicType, schemaFile } from './public-events';
import { TOPICS } from './topics';

export interface CloudEventOptions {
  /** Absolute URI the schema file names are appended to (ce_dataschema); ends with a slash. */
  readonly schemaBase: string;
}

/** Where the published schemas are described to live unless configured (FEED_SCHEMA_BASE_URL). */
export const DEFAULT_SCHEMA_BASE = 'https://schemas.civic-ledger.example/contracts/';

/** Namespace for the ids of profile messages: derived from the event id, so a re-send keeps its id. */
const PROFILE_ID_NAMESPACE = '0d9f6b43-8f0e-5a52-9c3e-6b1f2d4a7c10';
const PROFILE_SOURCE = '/civic-ledger/party-profile';

interface Attributes {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly dataschema: string | null;
}

/** CloudEvents 1.0, Kafka protocol binding, binary content mode: attributes as ce_ headers, data as value. */
function headers(recorded: RecordedEvent, a: Attributes): Record<string, string> {
  // Assigned in order rather than spread: one object per message (the relay makes one per event).
  const h: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: a.id,
    ce_source: a.source,
    ce_type: a.type,
    ce_subject: a.subject,
    ce_time: recorded.occurredAt,
  };
  if (a.dataschema) h.ce_dataschema = a.dataschema;
  h.ce_recordedat = recorded.recordedAt;
  h.ce_position = String(recorded.position);
  h['content-type'] = 'application/json';
  return h;
}

/** Schema URIs per base and event name, resolved once (URL parsing per message cost the relay more than the header itself). */
const schemaUris = new Map<string, string>();
function schemaUri(options: CloudEventOptions, name: string): string {
  const key = `${options.schemaBase}\n${name}`;
  let uri = schemaUris.get(key);
  if (uri === undefined) {
    uri = new URL(schemaFile(name), options.schemaBase).href;
    schemaUris.set(key, uri);
  }
  return uri;
}

/** A ledger event on its topic: ce_id is the ledger event id, ce_source its aggregate category. */
export function toMessage(recorded: RecordedEvent, event: PublicEvent, options: CloudEventOptions = { schemaBase: DEFAULT_SCHEMA_BASE }): OutboundMessage {
  const attributes = { id: recorded.id, source: `/civic-ledger/${categoryOf(recorded.streamId)}`, type: publicType(event.name), subject: event.key, dataschema: schemaUri(options, event.name) };
  return { topic: event.topic, key: event.key, value: JSON.stringify(event.payload), headers: headers(recorded, attributes) };
}

/**
 * The latest public profile of a party on the compacted topic; null erases it (tombstone, type
 * PartyProfileErased, no data). Its own source and an id derived from the event's, so that
 * (ce_source, ce_id) never repeats the event message it was made from.
 */
export function toProfileMessage(recorded: RecordedEvent, partyId: string, profile: PartyProfile | null, options: CloudEventOptions = { schemaBase: DEFAULT_SCHEMA_BASE }): OutboundMessage {
  const attributes = profile
    ? { type: publicType('PartyProfile'), dataschema: schemaUri(options, 'PartyProfile') }
    : { type: publicType('PartyProfileErased'), dataschema: null };
  const h = headers(recorded, { ...attributes, id: uuidv5(recorded.id, PROFILE_ID_NAMESPACE), source: PROFILE_SOURCE, subject: partyId });
  return { topic: TOPICS.partyProfile, key: partyId, value: profile ? JSON.stringify(profile) : null, headers: h };
}
