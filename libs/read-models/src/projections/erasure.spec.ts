import { ERASED } from '@civic-ledger/domain';
import { COLLECTIONS, InteractionView, PartyView, TimelineEntry } from '../views';
import { correspondenceReceived, given, interactionRecorded, SpecLedger } from './projection.spec-kit';

const at = SpecLedger.timeOf;

/** p-1 is erased; it is the first party of i-1 and c-1 (sealed with its key), a second party of i-2 (sealed with p-2's). */
function erasedLedger(): SpecLedger {
  const ledger = new SpecLedger();
  ledger.add({ type: 'PartyRegistered', data: { partyId: 'p-1', kind: 'person', name: { full: 'Ada Byron' }, birthDate: '1815-12-10', department: 'housing' } });
  ledger.add({ type: 'PartyRegistered', data: { partyId: 'p-2', kind: 'person', name: { full: 'Anne Byron' }, department: 'housing' } });
  ledger.add({ type: 'ContactPointAdded', data: { partyId: 'p-1', contactPointId: 'cp-1', kind: 'email', value: 'ada@example.org', verified: true } });
  ledger.add({ type: 'IdentifierAdded', data: { partyId: 'p-1', scheme: 'nino', value: 'QQ123456C' } });
  ledger.add(interactionRecorded('i-1', ['p-1', 'p-2'], { summary: 'Ada called', outcome: 'advised' }));
  ledger.add({ type: 'InteractionAmended', data: { interactionId: 'i-1', partyIds: ['p-1', 'p-2'], reason: 'Ada asked', changes: { summary: 'Ada called twice' }, previous: { summary: 'Ada called' } } });
  ledger.add(interactionRecorded('i-2', ['p-2', 'p-1'], { summary: 'Anne called' }));
  ledger.add(correspondenceReceived('c-1', ['p-1', 'p-2'], { subject: 'Ada\'s rent' }));
  ledger.add({ type: 'CorrespondenceAcknowledged', data: { correspondenceId: 'c-1', partyIds: ['p-1', 'p-2'], note: 'Ada phoned' } });
  ledger.add({ type: 'PartyAccessGranted', data: { partyId: 'p-1', grantId: 'g-1', department: 'social-care', reason: 'Ada at risk', basis: 'break-glass' } });
  ledger.add({ type: 'PartyAccessRevoked', data: { partyId: 'p-1', grantId: 'g-1', department: 'social-care', reason: 'Ada moved' } });
  ledger.add({ type: 'ErasureRequested', data: { partyId: 'p-1', legalBasis: 'GDPR Art. 17' } });
  ledger.add({ type: 'PartyErased', data: { partyId: 'p-1', legalBasis: 'GDPR Art. 17' } });
  return ledger;
}

describe('erasure in the read models', () => {
  const events = () => given(...erasedLedger().events);

  it('leaves the fact of erasure and no personal data in the party view', async () => {
    await events().thenDocument(COLLECTIONS.parties, 'p-1', {
      status: 'erased', name: { full: ERASED }, sortName: '', contactPoints: [], identifiers: [],
      erasure: { legalBasis: 'GDPR Art. 17', requestedAt: at(12), erasedAt: at(13) },
    });
    const [p1] = await events().documents<PartyView>(COLLECTIONS.parties);
    expect(p1).not.toHaveProperty('birthDate');
  });

  it('erases the subject of the erased party\'s correspondence in every party\'s open list', async () => {
    await events().thenDocument(COLLECTIONS.parties, 'p-2', { openCorrespondence: [expect.objectContaining({ id: 'c-1', subject: ERASED })] });
  });

  it('erases the text of the interactions it is the first party of, amendments included, and no other', async () => {
    const [i1, i2] = await events().documents<InteractionView>(COLLECTIONS.interactions);
    expect(i1).toMatchObject({ id: 'i-1', summary: ERASED, outcome: ERASED, topics: ['repairs'] });
    expect(i1.amendments).toEqual([expect.objectContaining({ reason: ERASED, changes: { summary: ERASED }, previous: { summary: ERASED } })]);
    expect(i2).toMatchObject({ id: 'i-2', summary: 'Anne called' });
  });

  it('erases the subject and step notes of its correspondence', async () => {
    await events().thenMatching(COLLECTIONS.correspondence, [{
      id: 'c-1', subject: ERASED, steps: [{ step: 'received', details: {} }, { step: 'acknowledged', details: { note: ERASED } }],
    }]);
  });

  it('erases the timeline entries about those records for every party, and keeps the rest', async () => {
    const entries = await events().documents<TimelineEntry>(COLLECTIONS.timeline);
    const about = (refId: string) => entries.filter((e) => e.refId === refId);
    expect(about('i-1').map((e) => [e.partyId, e.type, e.summary ?? null])).toEqual([
      ['p-1', 'InteractionRecorded', ERASED], ['p-1', 'InteractionAmended', null], ['p-2', 'InteractionRecorded', ERASED], ['p-2', 'InteractionAmended', null],
    ]);
    for (const amendment of about('i-1').filter((e) => e.type === 'InteractionAmended')) {
      expect(amendment.details).toEqual({ reason: ERASED, changes: { summary: ERASED }, previous: { summary: ERASED } });
    }
    expect(about('i-1').find((e) => e.type === 'InteractionRecorded')?.details).toMatchObject({ outcome: ERASED });
    expect(about('c-1').map((e) => e.summary)).toEqual([ERASED, ERASED, ERASED, ERASED]);
    expect(about('i-2').map((e) => e.summary)).toEqual(['Anne called', 'Anne called']);
    expect(entries.filter((e) => e.type === 'PartyErased')).toEqual([expect.objectContaining({ partyId: 'p-1', title: 'Erased', audience: '*' })]);
  });

  it('erases the reasons of its break-glass grants and keeps who granted and revoked them', async () => {
    await events().thenMatching(COLLECTIONS.accessGrants, [{
      id: 'g-1', partyId: 'p-1', department: 'social-care', reason: ERASED, revocationReason: ERASED, status: 'revoked', grantedBy: 'staff-1', revokedBy: 'staff-1',
    }]);
  });

  it('leaves nothing of the erased party\'s values anywhere in the read models', async () => {
    const ledger = erasedLedger();
    const g = given(...ledger.events);
    const everything = JSON.stringify(await Promise.all(Object.values(COLLECTIONS).map((c) => g.documents(c))));
    for (const value of ['Ada Byron', 'ada@example.org', 'QQ123456C', '1815-12-10', 'Ada called', 'Ada\'s rent', 'Ada phoned', 'Ada at risk', 'Ada moved', 'Ada asked']) {
      expect(everything).not.toContain(value);
    }
    expect(everything).toContain('Anne called');
  });
});
