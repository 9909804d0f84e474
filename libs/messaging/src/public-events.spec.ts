import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ERASED, LedgerEvent } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { ContractValidator } from '../../../examples/kafka-consumer/contract-validator';
import { toMessage, toProfileMessage } from './cloud-events';
import { foldProfile } from './party-profile';
import { publicType, toPublicEvent } from './public-events';

const validator = new ContractValidator(join(__dirname, '..', 'contracts'));
const P = '0b6f7c1e-1f1e-4c38-9a1e-9b1f3d1c2a10';
const Q = '1c7f8d2f-2a2f-4d49-8b2f-8c2a4e2d3b21';
const I = '2d8a9e3a-3b3a-4e5a-9c3a-9d3b5f3e4c32';
const C = '3e9b0f4b-4c4b-4f6b-8d4b-8e4c6a4f5d43';
const CP = '4f0c1a5c-5d5c-4a7c-9e5c-9f5d7b5a6e54';
const R = '5a1d2b6d-6e6d-4b8d-8f6d-8a6e8c6b7f65';
const correspondence = { correspondenceId: C, partyIds: [P] };
const interaction = { interactionId: I, partyIds: [P] };

const events: LedgerEvent[] = [
  { type: 'PartyRegistered', data: { partyId: P, kind: 'person', name: { full: 'Zoë Núñez', given: 'Zoë' }, birthDate: '1980-01-01', preferredLanguage: 'es' } },
  { type: 'PartyNameChanged', data: { partyId: P, name: { full: 'Zoë Smith' }, reason: 'marriage' } },
  { type: 'ContactPointAdded', data: { partyId: P, contactPointId: CP, kind: 'postal', value: '1 High St, GB', address: { lines: ['1 High St'], country: 'GB' }, verified: false, label: 'home' } },
  { type: 'ContactPointRemoved', data: { partyId: P, contactPointId: CP, reason: 'moved' } },
  { type: 'IdentifierAdded', data: { partyId: P, scheme: 'client-number', value: 'C-1' } },
  { type: 'ConsentGiven', data: { partyId: P, purpose: 'reminders', channel: 'sms', evidence: 'form 12' } },
  { type: 'ConsentWithdrawn', data: { partyId: P, purpose: 'reminders', channel: 'sms', reason: 'asked' } },
  { type: 'RelationshipLinked', data: { partyId: P, relationshipId: R, kind: 'spouse', toPartyId: Q } },
  { type: 'RelationshipUnlinked', data: { partyId: P, relationshipId: R, toPartyId: Q } },
  { type: 'PartyMerged', data: { partyId: P, survivorPartyId: Q, reason: 'duplicate' } },
  { type: 'PartyUnmerged', data: { partyId: P, survivorPartyId: Q, reason: 'not' } },
  { type: 'PartyErased', data: { partyId: P, legalBasis: 'GDPR' } },
  { type: 'InteractionRecorded', data: { ...interaction, channel: 'phone', direction: 'inbound', occurredAt: '2024-01-01T10:00:00.000Z', staffId: 'staff-1', department: 'housing', topics: ['repairs'], summary: 'Leaking roof', outcome: 'booked', satisfaction: 4, confidentiality: 'normal' } },
  { type: 'InteractionAmended', data: { ...interaction, changes: { summary: 'x', topics: ['a'] }, previous: { summary: 'y', topics: [] }, reason: 'typo' } },
  { type: 'InteractionLinkedToCorrespondence', data: { ...interaction, correspondenceId: C } },
  { type: 'InteractionConfidentialitySet', data: { ...interaction, level: 'restricted', reason: 'safeguarding' } },
  { type: 'CorrespondenceReceived', data: { ...correspondence, channel: 'letter', subject: 'Private', receivedAt: '2024-01-01T10:00:00.000Z', dueAt: '2024-01-21T10:00:00.000Z', department: 'waste', reference: 'R-1', attachments: [] } },
  { type: 'CorrespondenceAcknowledged', data: { ...correspondence, note: 'n' } },
  { type: 'CorrespondenceAssigned', data: { ...correspondence, assigneeId: 'staff-2', department: 'waste' } },
  { type: 'CorrespondenceResponded', data: { ...correspondence, summary: 'Reply text', channel: 'email', attachments: [] } },
  { type: 'CorrespondenceClosed', data: { ...correspondence, resolution: 'resolved with text' } },
  { type: 'CorrespondenceReopened', data: { ...correspondence, reason: 'more', dueAt: '2024-02-01T10:00:00.000Z' } },
];

const recorded = (e: LedgerEvent, i: number): RecordedEvent => ({
  id: `6b2e3c7e-7f7e-4c9e-9a7e-${String(i).padStart(12, '0')}`, type: e.type, data: e.data as unknown as RecordedEvent['data'], streamId: `party-${P}`, revision: i, position: i + 1,
  occurredAt: '2024-01-01T10:00:00.000Z', recordedAt: '2024-01-01T10:00:01.000Z', actor: 'staff-1', correlationId: 'c', causationId: null, schemaVersion: 1, prevHash: '0', hash: '1',
});

describe('public event contract', () => {
  it.each(events.map((e, i) => [e.type, e, i] as const))('%s: published payload matches its schema and keeps internal fields out', (_type, event, i) => {
    const pub = toPublicEvent(recorded(event, i));
    expect(pub).not.toBeNull();
    const message = toMessage(recorded(event, i), pub!);
    expect(message.headers.ce_type).toBe(publicType(event.type));
    expect(message.key).toBe(P);
    expect(validator.validate(message.headers.ce_type, JSON.parse(message.value as string))).toEqual([]);
    expect(message.value).not.toMatch(/staff-|birthDate|Private|Reply text|resolved with text|typo|safeguarding|GDPR|evidence|form 12/);
  });

  it('does not publish erasure requests or legal holds', () => {
    for (const event of [
      { type: 'ErasureRequested', data: { partyId: P, legalBasis: 'x' } },
      { type: 'LegalHoldPlaced', data: { partyId: P, holdId: 'h', reason: 'x' } },
      { type: 'LegalHoldReleased', data: { partyId: P, holdId: 'h' } },
    ] as LedgerEvent[]) expect(toPublicEvent(recorded(event, 0))).toBeNull();
  });

  it('publishes signed checkpoints on the audit topic', () => {
    const checkpoint = { treeSize: 12, position: 12, rootHash: 'a'.repeat(64), signedAt: '2024-03-01T00:00:00.000Z', algorithm: 'Ed25519', keyId: '0123456789abcdef', signature: 'c2ln' };
    const event = { ...recorded(events[0], 0), type: 'LedgerCheckpointSigned', streamId: 'ledger-checkpoints', data: checkpoint };
    const message = toMessage(event, toPublicEvent(event)!);
    expect(message).toMatchObject({ topic: 'civic-ledger.audit.v1', key: 'ledger' });
    expect(validator.validate(message.headers.ce_type, JSON.parse(message.value as string))).toEqual([]);
  });

  it('writes an interaction payload field by field in a fixed order, and names the key that seals its free text', () => {
    const pub = toPublicEvent(recorded(events[12], 12))!;
    expect(toMessage(recorded(events[12], 12), pub).value).toBe(JSON.stringify({
      interactionId: I, partyIds: [P], channel: 'phone', direction: 'inbound', occurredAt: '2024-01-01T10:00:00.000Z', department: 'housing', topics: ['repairs'],
      satisfaction: 4, confidentiality: 'normal', summary: 'Leaking roof', outcome: 'booked', erased: false,
    }));
    expect(pub.personalDataOf).toBe(P);
    const sensitive = toPublicEvent(recorded({ ...events[12], data: { ...(events[12].data as object), confidentiality: 'sensitive' } } as LedgerEvent, 12))!;
    expect(sensitive.personalDataOf).toBeUndefined();
    const erased = toPublicEvent(recorded({ ...events[12], data: { ...(events[12].data as object), summary: ERASED, outcome: ERASED } } as LedgerEvent, 12))!;
    expect(erased).toMatchObject({ payload: { erased: true } });
    expect(erased.personalDataOf).toBeUndefined();
  });

  it('drops free text of sensitive interactions', () => {
    const sensitive = { ...events[12], data: { ...(events[12].data as object), confidentiality: 'sensitive' } } as LedgerEvent;
    const payload = toPublicEvent(recorded(sensitive, 0))?.payload;
    expect(payload).not.toHaveProperty('summary');
    expect(payload).not.toHaveProperty('outcome');
    expect(validator.validate(publicType('InteractionRecorded'), payload)).toEqual([]);
  });

  it('folds the profile as of each revision and tombstones it on erasure', () => {
    const partyEvents = events.slice(0, 12).map((event, revision) => ({ event, revision })) as Parameters<typeof foldProfile>[0];
    const beforeErasure = foldProfile(partyEvents.slice(0, 6));
    expect(beforeErasure).toMatchObject({ name: { full: 'Zoë Smith' }, contactPoints: [], consents: [{ purpose: 'reminders', channel: 'sms' }], revision: 5 });
    const profile = toProfileMessage(recorded(events[0], 5), P, beforeErasure);
    expect(validator.validate(profile.headers.ce_type, JSON.parse(profile.value as string))).toEqual([]);
    expect(foldProfile(partyEvents)).toBeNull();
    expect(toProfileMessage(recorded(events[11], 11), P, null)).toMatchObject({ topic: 'civic-ledger.party-profile.v1', key: P, value: null });
  });
});

describe('feed contract (AsyncAPI document and CloudEvents attributes)', () => {
  // js-yaml comes with @nestjs/swagger; the document is plain YAML.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { load } = require('js-yaml') as { load(text: string): unknown };
  type Doc = { components: { messages: Record<string, { name: string; headers: { $ref: string }; payload: { $ref?: string; type?: string } }>; schemas: Record<string, object> } };
  const doc = load(readFileSync(join(__dirname, '..', 'contracts', 'asyncapi.yaml'), 'utf8')) as Doc;
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  const declared = (type: string) => Object.values(doc.components.messages).find((m) => m.name === type);
  const headerErrors = (message: { headers: Readonly<Record<string, string>> }) => {
    const spec = declared(message.headers.ce_type);
    if (!spec) return [`${message.headers.ce_type} is not declared`];
    const schema = doc.components.schemas[spec.headers.$ref.replace('#/components/schemas/', '')];
    const validate = ajv.compile(schema);
    return validate(message.headers) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
  const erasedName = { full: ERASED };
  const erasedEvents: LedgerEvent[] = [
    { type: 'PartyRegistered', data: { partyId: P, kind: 'person', name: erasedName, preferredLanguage: 'es' } },
    { type: 'PartyNameChanged', data: { partyId: P, name: erasedName, reason: ERASED } },
    { type: 'ContactPointAdded', data: { partyId: P, contactPointId: CP, kind: 'email', value: ERASED, verified: true } },
    { type: 'IdentifierAdded', data: { partyId: P, scheme: 'client-number', value: ERASED } },
    { type: 'InteractionRecorded', data: { ...(events[12].data as object), summary: ERASED, outcome: ERASED } as never },
  ];

  it('declares every message type the relay publishes, with headers that satisfy the declared header schema', () => {
    const all = [...events, ...erasedEvents].map((e, i) => toMessage(recorded(e, i), toPublicEvent(recorded(e, i))!));
    const checkpoint = { ...recorded(events[0], 0), type: 'LedgerCheckpointSigned', streamId: 'ledger-checkpoints', data: { treeSize: 1, position: 1, rootHash: 'a'.repeat(64), signedAt: '2024-03-01T00:00:00.000Z', algorithm: 'Ed25519', keyId: '0123456789abcdef', signature: 'c2ln' } };
    all.push(toMessage(checkpoint, toPublicEvent(checkpoint)!));
    const profile = foldProfile(events.slice(0, 3).map((event, revision) => ({ event, revision })) as Parameters<typeof foldProfile>[0]);
    all.push(toProfileMessage(recorded(events[2], 2), P, profile), toProfileMessage(recorded(events[11], 11), P, null));
    for (const message of all) expect({ type: message.headers.ce_type, errors: headerErrors(message) }).toEqual({ type: message.headers.ce_type, errors: [] });
    expect(all.map((m) => m.headers.ce_type)).toEqual(expect.arrayContaining(['civic-ledger.PartyProfileErased.v1', 'civic-ledger.PartyProfile.v2', 'civic-ledger.LedgerCheckpointSigned.v1']));
  });

  it('keeps declaring the v1 messages it published before (never changed in place), next to v2', () => {
    for (const name of ['PartyRegistered', 'PartyNameChanged', 'ContactPointAdded', 'IdentifierAdded', 'InteractionRecorded', 'PartyProfile']) {
      expect(declared(`civic-ledger.${name}.v1`)?.payload.$ref).toBe(`./${name}.v1.schema.json`);
      expect(declared(`civic-ledger.${name}.v2`)?.payload.$ref).toBe(`./${name}.v2.schema.json`);
      expect(publicType(name)).toBe(`civic-ledger.${name}.v2`);
    }
  });

  it('names each payload schema by an absolute URI under the configured base', () => {
    const message = toMessage(recorded(events[0], 0), toPublicEvent(recorded(events[0], 0))!, { schemaBase: 'https://schemas.council.example/feed/' });
    expect(message.headers.ce_dataschema).toBe('https://schemas.council.example/feed/PartyRegistered.v2.schema.json');
    expect(toMessage(recorded(events[4], 4), toPublicEvent(recorded(events[4], 4))!).headers.ce_dataschema).toMatch(/^https:\/\/[^/]+\/.*IdentifierAdded\.v2\.schema\.json$/);
    expect(toProfileMessage(recorded(events[11], 11), P, null).headers).not.toHaveProperty('ce_dataschema');
  });

  it('never gives two messages the same (ce_source, ce_id), and a re-sent profile keeps its id', () => {
    const r = recorded(events[0], 0);
    const event = toMessage(r, toPublicEvent(r)!);
    const profile = toProfileMessage(r, P, foldProfile([{ event: events[0] as never, revision: 0 }]));
    expect(`${profile.headers.ce_source}|${profile.headers.ce_id}`).not.toBe(`${event.headers.ce_source}|${event.headers.ce_id}`);
    expect(profile.headers.ce_id).not.toBe(event.headers.ce_id);
    expect(toProfileMessage(r, P, null).headers.ce_id).toBe(profile.headers.ce_id);
  });

  it('publishes no placeholder for erased data: the fields are absent and marked erased (v2)', () => {
    for (const [i, e] of erasedEvents.entries()) {
      const pub = toPublicEvent(recorded(e, i))!;
      expect(JSON.stringify(pub.payload)).not.toContain(ERASED);
      expect(pub.payload.erased).toBe(true);
      expect(pub.personalDataOf).toBeUndefined();
      expect(validator.validate(publicType(e.type), pub.payload)).toEqual([]);
    }
    // The v2 schema refuses a message that says erased but still carries the field.
    expect(validator.validate(publicType('IdentifierAdded'), { partyId: P, scheme: 'client-number', value: ERASED, erased: true })).not.toEqual([]);
    expect(toPublicEvent(recorded(events[0], 0))?.personalDataOf).toBe(P);
  });

  it('says "erased" in the profile once the key is gone, without a name or contact values', () => {
    const erasedHistory = [erasedEvents[0], erasedEvents[2]].map((event, revision) => ({ event, revision })) as Parameters<typeof foldProfile>[0];
    const profile = foldProfile(erasedHistory);
    expect(profile).toMatchObject({ status: 'erased', contactPoints: [] });
    expect(profile).not.toHaveProperty('name');
    expect(JSON.stringify(profile)).not.toContain(ERASED);
    expect(validator.validate(publicType('PartyProfile'), profile)).toEqual([]);
    expect(validator.validate(publicType('PartyProfile'), { ...profile, name: { full: 'X' } })).not.toEqual([]);
  });
});
