import { join } from 'node:path';
import { LedgerEvent } from '@civic-ledger/domain';
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
