import { AMENDABLE_FIELDS, AmendableField, CHANNELS, CONFIDENTIALITY_LEVELS, DIRECTIONS, InteractionEvent } from '../interaction/interaction.events';
import { ids, instant, JsonSchema, object, oneOf, orNull, text, texts } from './json-schema';

const refs = { interactionId: text, partyIds: ids };
const CONFIDENTIALITY = oneOf(CONFIDENTIALITY_LEVELS);
/** What each amendable field holds. */
const FIELDS: Record<AmendableField, JsonSchema> = {
  occurredAt: instant, department: text, program: text, topics: texts, summary: text, outcome: text,
  satisfaction: { type: 'integer', minimum: 1, maximum: 5 }, durationSeconds: { type: 'number', minimum: 0 },
};
const optionalFields = Object.fromEntries(AMENDABLE_FIELDS.map((f) => [f, FIELDS[f]]));
/** Before an amendment, a field may have had no value (null). */
const previousFields = Object.fromEntries(AMENDABLE_FIELDS.map((f) => [f, orNull(FIELDS[f])]));

/** Data schema of each interaction event, with its description. */
export const INTERACTION_EVENT_SCHEMAS: { [T in InteractionEvent['type']]: [string, JsonSchema] } = {
  InteractionRecorded: ['A contact with one or more parties was recorded.', object(
    { ...refs, channel: oneOf(CHANNELS), direction: oneOf(DIRECTIONS), occurredAt: instant, department: text, topics: texts, summary: text, confidentiality: CONFIDENTIALITY },
    { staffId: text, program: text, outcome: text, satisfaction: FIELDS.satisfaction, durationSeconds: FIELDS.durationSeconds },
  )],
  InteractionAmended: ['Fields of an interaction were corrected; the previous values stay in the event.', object({
    ...refs, changes: { ...object({}, optionalFields), minProperties: 1 }, previous: { ...object({}, previousFields), minProperties: 1 }, reason: text,
  })],
  InteractionLinkedToCorrespondence: ['An interaction was linked to a piece of correspondence.', object({ ...refs, correspondenceId: text })],
  InteractionConfidentialitySet: ['An interaction\'s confidentiality level changed.', object({ ...refs, level: CONFIDENTIALITY }, { reason: text })],
};
