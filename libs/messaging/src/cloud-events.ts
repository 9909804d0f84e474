import { RecordedEvent } from '@civic-ledger/event-store';
import { OutboundMessage } from './event-publisher.port';
import { PartyProfile } from './party-profile';
import { categoryOf, PublicEvent, publicType } from './public-events';
import { TOPICS } from './topics';

/** CloudEvents 1.0, Kafka protocol binding, binary content mode: attributes as ce_ headers, data as value. */
function headers(recorded: RecordedEvent, type: string, subject: string, schema: string): Record<string, string> {
  return {
    ce_specversion: '1.0',
    ce_id: recorded.id,
    ce_source: `/civic-ledger/${categoryOf(recorded.streamId)}`,
    ce_type: type,
    ce_subject: subject,
    ce_time: recorded.occurredAt,
    ce_dataschema: schema,
    ce_recordedat: recorded.recordedAt,
    ce_position: String(recorded.position),
    'content-type': 'application/json',
  };
}

export function toMessage(recorded: RecordedEvent, event: PublicEvent): OutboundMessage {
  const type = publicType(event.name);
  return { topic: event.topic, key: event.key, value: JSON.stringify(event.payload), headers: headers(recorded, type, event.key, `contracts/${event.name}.v1.schema.json`) };
}

/** The latest public profile of a party on the compacted topic; null erases it (tombstone). */
export function toProfileMessage(recorded: RecordedEvent, partyId: string, profile: PartyProfile | null): OutboundMessage {
  const type = publicType('PartyProfile');
  const h = headers(recorded, type, partyId, 'contracts/PartyProfile.v1.schema.json');
  return { topic: TOPICS.partyProfile, key: partyId, value: profile ? JSON.stringify(profile) : null, headers: profile ? h : { ...h, ce_type: publicType('PartyProfileErased') } };
}
