import { AuditEvent } from '../ledger-event';
import { ids, instant, JsonSchema, object, text } from './json-schema';

const count: JsonSchema = { type: 'integer', minimum: 0 };

/** Data schema of each event the system records about itself, with its description. */
export const AUDIT_EVENT_SCHEMAS: { [T in AuditEvent['type']]: [string, JsonSchema] } = {
  PartyRecordsAccessed: ['A batch of the access ledger: each look at a party\'s record by a person, and each listing of parties (a search) naming the parties it showed.', object({
    accesses: {
      type: 'array', minItems: 1,
      items: {
        anyOf: [
          object({ partyId: text, actor: text, role: text, endpoint: text, at: instant }, { purpose: text, correlationId: text }),
          object({ access: { const: 'listed' }, partyIds: ids, actor: text, role: text, endpoint: text, at: instant }, { purpose: text, correlationId: text }),
        ],
      },
    },
  })],
  LedgerCheckpointSigned: ['A signed Merkle root (RFC 9162) over the first treeSize ledger events.', object({
    treeSize: count, position: count, rootHash: { type: 'string', pattern: '^[a-f0-9]{64}$' }, signedAt: instant, algorithm: { const: 'Ed25519' },
    keyId: { type: 'string', pattern: '^[a-f0-9]{16}$' }, signature: { type: 'string', pattern: '^[A-Za-z0-9+/]+={0,2}$' },
  })],
};
