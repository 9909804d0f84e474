import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { correspondenceDecider } from '../correspondence/correspondence.decider';
import { CorrespondenceCommand } from '../correspondence/correspondence.commands';
import { interactionDecider } from '../interaction/interaction.decider';
import { InteractionCommand } from '../interaction/interaction.commands';
import { partyDecider } from '../party/party.decider';
import { PartyCommand } from '../party/party.commands';
import { Decider, DomainEvent } from '../shared/decider';
import { meta } from '../shared/decider.spec-kit';
import { LedgerEvent } from '../ledger-event';
import { EVENT_DATA_SCHEMAS } from './event-schemas';

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validators = Object.fromEntries(Object.entries(EVENT_DATA_SCHEMAS).map(([type, schema]) => [type, ajv.compile(schema)]));

/** The data as the event store keeps it (JSON: undefined fields are gone). */
const stored = (data: unknown): unknown => JSON.parse(JSON.stringify(data));
function problems(event: DomainEvent<string, unknown>): string[] {
  const validate = validators[event.type];
  if (!validate) return [`${event.type}: no schema`];
  return validate(stored(event.data)) ? [] : (validate.errors ?? []).map((e) => `${event.type}${e.instancePath} ${e.message}`);
}

/** Runs commands through a decider one after the other (each on the state the previous ones left): the events it decided. */
function decideAll<C, E, S>(decider: Decider<C, E, S>, commands: C[]): E[] {
  const events: E[] = [];
  let state = decider.initialState();
  for (const command of commands) {
    for (const event of decider.decide(command, state)) {
      events.push(event);
      state = decider.evolve(state, event);
    }
  }
  return events;
}

const partyId = 'a3f1c2d4-0000-4000-8000-000000000001';
const other = 'a3f1c2d4-0000-4000-8000-000000000002';
const party = (type: PartyCommand['type'], data: Record<string, unknown> = {}) => ({ type, metadata: meta, data: { partyId, ...data } }) as PartyCommand;
const partyEvents = decideAll(partyDecider, [
  party('RegisterParty', {
    kind: 'person', name: { full: 'Zoë Núñez', given: 'Zoë', family: 'Núñez' }, birthDate: '1984-02-29', preferredLanguage: 'es', department: 'housing',
    contactPoints: [
      { contactPointId: 'cp-1', kind: 'email', value: 'zoe@example.org', verified: true, label: 'work' },
      { contactPointId: 'cp-2', kind: 'postal', value: '1 Main St, 1000, Brussels, BE', address: { lines: ['1 Main St'], postcode: '1000', city: 'Brussels', country: 'BE' }, verified: false },
    ],
    identifiers: [{ scheme: 'client-number', value: 'C-100' }],
  }),
  party('ChangePartyName', { name: { full: 'Zoë Núñez-García' }, reason: 'marriage' }),
  party('AddContactPoint', { contactPointId: 'cp-3', kind: 'phone', value: '+3225550100', verified: false }),
  party('RemoveContactPoint', { contactPointId: 'cp-3', reason: 'number no longer in use' }),
  party('AddIdentifier', { scheme: 'national-id', value: '84.02.29-123.45' }),
  party('GiveConsent', { purpose: 'newsletter', channel: 'email', evidence: 'web form 2024-05-01' }),
  party('WithdrawConsent', { purpose: 'newsletter', channel: 'email', reason: 'asked by phone' }),
  party('LinkRelationship', { relationshipId: 'r-1', kind: 'spouse', toPartyId: other, toPartyKnown: true }),
  party('UnlinkRelationship', { relationshipId: 'r-1' }),
  party('MergeParty', { survivorPartyId: other, survivorKnown: true, reason: 'duplicate registration' }),
  party('UnmergeParty', { reason: 'different people after all' }),
  party('GrantPartyAccess', { grantId: 'g-1', department: 'waste', reason: 'citizen at the counter about a bin' }),
  party('RevokePartyAccess', { grantId: 'g-1', reason: 'no longer needed' }),
  party('PlaceLegalHold', { holdId: 'h-1', reason: 'court case 24/1234' }),
  party('ReleaseLegalHold', { holdId: 'h-1' }),
  party('RequestErasure', { legalBasis: 'GDPR art. 17' }),
  party('CompleteErasure'),
]);

const interactionId = 'b3f1c2d4-0000-4000-8000-000000000001';
const interaction = (type: InteractionCommand['type'], data: Record<string, unknown>) => ({ type, metadata: meta, data: { interactionId, ...data } }) as InteractionCommand;
const interactionEvents = decideAll(interactionDecider, [
  interaction('RecordInteraction', {
    channel: 'phone', direction: 'inbound', occurredAt: '2024-05-30T09:30:00Z', partyIds: [partyId], knownPartyIds: [partyId], staffId: 'staff-7',
    department: 'housing', topics: ['rent-arrears'], summary: 'Asked about a payment plan', outcome: 'plan sent', satisfaction: 4, durationSeconds: 420,
  }),
  interaction('AmendInteraction', { changes: { summary: 'Asked about a payment plan for May', program: 'rent-support' }, reason: 'typo' }),
  interaction('LinkInteractionToCorrespondence', { correspondenceId: 'c-1', correspondenceKnown: true }),
  interaction('SetInteractionConfidentiality', { level: 'sensitive', reason: 'health details' }),
]);

const correspondenceId = 'c3f1c2d4-0000-4000-8000-000000000001';
const attachment = { name: 'letter.pdf', mediaType: 'application/pdf', sizeBytes: 20480, sha256: 'ab'.repeat(32) };
const step = (type: CorrespondenceCommand['type'], data: Record<string, unknown> = {}) => ({ type, metadata: meta, data: { correspondenceId, ...data } }) as CorrespondenceCommand;
const correspondenceEvents = decideAll(correspondenceDecider, [
  step('ReceiveCorrespondence', {
    partyIds: [partyId], knownPartyIds: [partyId], channel: 'letter', subject: 'Complaint about bin collection', receivedAt: '2024-05-30T09:00:00.000Z',
    dueAt: '2024-06-20T17:00:00.000Z', department: 'waste', reference: 'REF-1', attachments: [attachment],
  }),
  step('AcknowledgeCorrespondence', { note: 'standard letter' }),
  step('AssignCorrespondence', { assigneeId: 'staff-9', department: 'housing' }),
  step('RespondToCorrespondence', { summary: 'Apologised', channel: 'email', attachments: [attachment] }),
  step('CloseCorrespondence', { resolution: 'resolved' }),
  step('ReopenCorrespondence', { reason: 'the bin was missed again', dueAt: '2024-06-27T17:00:00.000Z' }),
]);

const decided: LedgerEvent[] = [...partyEvents, ...interactionEvents, ...correspondenceEvents];
const AUDIT_TYPES = ['PartyRecordsAccessed', 'LedgerCheckpointSigned'];

describe('event data schemas', () => {
  it('exist for every ledger event type and the two audit events, and for nothing else', () => {
    // The scenarios above decide every ledger event type at least once (checked here), so the
    // schemas' types are exactly the types the deciders produce plus the audit events.
    const producedTypes = new Set(decided.map((e) => e.type));
    expect(Object.keys(EVENT_DATA_SCHEMAS).sort()).toEqual([...producedTypes, ...AUDIT_TYPES].sort());
    expect(producedTypes.size).toBe(27);
  });

  it('are draft 2020-12 schemas with an id, title and description', () => {
    for (const [type, schema] of Object.entries(EVENT_DATA_SCHEMAS)) {
      expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `civic-ledger/events/${type}.v1.schema.json`, title: `${type} v1`, type: 'object' });
      expect(schema.description).toEqual(expect.any(String));
    }
  });

  it('accept every event the deciders decide', () => {
    expect(decided.flatMap(problems)).toEqual([]);
  });

  it('accept an amendment whose previous value was absent (null), and personal data read after an erasure', () => {
    const amended = interactionEvents.find((e) => e.type === 'InteractionAmended');
    expect(stored(amended?.data)).toMatchObject({ previous: { program: null } });
    const erased = { type: 'ContactPointAdded', data: { partyId, contactPointId: 'cp-2', kind: 'postal', value: '[erased]', verified: false } };
    expect(problems(erased)).toEqual([]);
    expect(problems({ type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full: '[erased]' } } })).toEqual([]);
  });

  it('refuse data that does not have the event\'s shape', () => {
    const registered = partyEvents[0] as DomainEvent<string, Record<string, unknown>>;
    const received = correspondenceEvents[0] as DomainEvent<string, Record<string, unknown>>;
    const recorded = interactionEvents[0] as DomainEvent<string, Record<string, unknown>>;
    const { name: _name, ...nameless } = registered.data;
    expect(problems({ type: registered.type, data: nameless })).toEqual(["PartyRegistered must have required property 'name'"]);
    expect(problems({ type: registered.type, data: { ...registered.data, nickname: 'Z' } })).toEqual(['PartyRegistered must NOT have additional properties']);
    expect(problems({ type: registered.type, data: { ...registered.data, kind: 'robot' } })).toEqual(['PartyRegistered/kind must be equal to one of the allowed values']);
    expect(problems({ type: recorded.type, data: { ...recorded.data, partyIds: [] } })).toEqual(['InteractionRecorded/partyIds must NOT have fewer than 1 items']);
    expect(problems({ type: recorded.type, data: { ...recorded.data, occurredAt: 'yesterday' } })).toEqual(['InteractionRecorded/occurredAt must match format "date-time"']);
    expect(problems({ type: received.type, data: { ...received.data, attachments: [{ ...attachment, sha256: 'x' }] } })).toEqual(['CorrespondenceReceived/attachments/0/sha256 must match pattern "^[a-f0-9]{64}$"']);
    expect(problems({ type: 'InteractionConfidentialitySet', data: { interactionId, partyIds: [partyId], level: 'secret' } })).toHaveLength(1);
  });

  it('describe the audit events', () => {
    const at = '2024-06-01T12:00:00.000Z';
    expect(problems({ type: 'PartyRecordsAccessed', data: { accesses: [{ partyId, actor: 'staff-7', role: 'supervisor', endpoint: 'view', at, purpose: 'case 12' }] } })).toEqual([]);
    expect(problems({ type: 'PartyRecordsAccessed', data: { accesses: [] } })).toEqual(['PartyRecordsAccessed/accesses must NOT have fewer than 1 items']);
    const listed = { access: 'listed', partyIds: [partyId, 'p-2'], actor: 'staff-7', role: 'clerk', endpoint: 'search', at };
    expect(problems({ type: 'PartyRecordsAccessed', data: { accesses: [listed, { partyId, actor: 'staff-7', role: 'clerk', endpoint: 'view', at }] } })).toEqual([]);
    expect(problems({ type: 'PartyRecordsAccessed', data: { accesses: [{ ...listed, partyIds: [] }] } })).not.toEqual([]);
    expect(problems({ type: 'PartyRecordsAccessed', data: { accesses: [{ ...listed, partyId }] } })).not.toEqual([]);
    const checkpoint = { treeSize: 3, position: 3, rootHash: 'c'.repeat(64), signedAt: at, algorithm: 'Ed25519', keyId: '0123456789abcdef', signature: 'c2lnbmF0dXJl' };
    expect(problems({ type: 'LedgerCheckpointSigned', data: checkpoint })).toEqual([]);
    expect(problems({ type: 'LedgerCheckpointSigned', data: { ...checkpoint, algorithm: 'RSA' } })).toEqual(['LedgerCheckpointSigned/algorithm must be equal to constant']);
  });
});
