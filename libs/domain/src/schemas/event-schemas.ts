import { KnownEventType, SCHEMA_VERSION } from '../ledger-event';
import { AUDIT_EVENT_SCHEMAS } from './audit.schemas';
import { CORRESPONDENCE_EVENT_SCHEMAS } from './correspondence.schemas';
import { INTERACTION_EVENT_SCHEMAS } from './interaction.schemas';
import { JsonSchema } from './json-schema';
import { PARTY_EVENT_SCHEMAS } from './party.schemas';

export type { JsonSchema };

const ALL: { [T in KnownEventType]: [string, JsonSchema] } = {
  ...PARTY_EVENT_SCHEMAS, ...INTERACTION_EVENT_SCHEMAS, ...CORRESPONDENCE_EVENT_SCHEMAS, ...AUDIT_EVENT_SCHEMAS,
};

/**
 * The JSON Schema (draft 2020-12) of the `data` of every event the ledger records, as decided and as
 * read back (the event store seals personal fields at rest; after an erasure they read as "[erased]"
 * or are gone, which the schemas allow). These describe the internal events; the public Kafka
 * contracts, a different thing, are libs/messaging/contracts.
 */
export const EVENT_DATA_SCHEMAS: { readonly [T in KnownEventType]: JsonSchema } = Object.fromEntries(
  Object.entries(ALL).map(([type, [description, schema]]) => [type, {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `civic-ledger/events/${type}.v${SCHEMA_VERSION}.schema.json`,
    title: `${type} v${SCHEMA_VERSION}`,
    description,
    ...(schema as JsonSchema),
  }]),
) as { [T in KnownEventType]: JsonSchema };
