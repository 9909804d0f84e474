import { CORRESPONDENCE_CHANNELS, CorrespondenceEvent } from '../correspondence/correspondence.events';
import { ids, instant, JsonSchema, object, oneOf, text } from './json-schema';

const refs = { correspondenceId: text, partyIds: ids };
const CHANNEL = oneOf(CORRESPONDENCE_CHANNELS);
const ATTACHMENTS: JsonSchema = {
  type: 'array',
  items: object({ name: text, mediaType: text, sizeBytes: { type: 'integer', minimum: 0 }, sha256: { type: 'string', pattern: '^[a-f0-9]{64}$' } }),
};

/** Data schema of each correspondence event, with its description. */
export const CORRESPONDENCE_EVENT_SCHEMAS: { [T in CorrespondenceEvent['type']]: [string, JsonSchema] } = {
  CorrespondenceReceived: ['A letter, e-mail or form was received (attachments by metadata and SHA-256 only).', object(
    { ...refs, channel: CHANNEL, subject: text, receivedAt: instant, dueAt: instant, department: text, attachments: ATTACHMENTS },
    { reference: text },
  )],
  CorrespondenceAcknowledged: ['Receipt was acknowledged.', object(refs, { note: text })],
  CorrespondenceAssigned: ['The correspondence was assigned (and moved to a department, if named).', object({ ...refs, assigneeId: text }, { department: text })],
  CorrespondenceResponded: ['A response was sent.', object({ ...refs, summary: text, channel: CHANNEL, attachments: ATTACHMENTS })],
  CorrespondenceClosed: ['The correspondence was closed.', object({ ...refs, resolution: text })],
  CorrespondenceReopened: ['Closed correspondence was reopened.', object({ ...refs, reason: text }, { dueAt: instant })],
};
