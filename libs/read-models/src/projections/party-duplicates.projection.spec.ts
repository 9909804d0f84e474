import { COLLECTIONS } from '../views';
import { given, SpecLedger } from './projection.spec-kit';

const D = COLLECTIONS.partyDuplicates;

function register(ledger: SpecLedger, partyId: string, email: string, cp = `cp-${partyId}`): void {
  ledger.add({ type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full: `Person ${partyId}` } } });
  ledger.add({ type: 'ContactPointAdded', data: { partyId, contactPointId: cp, kind: 'email', value: email, verified: false } });
}

describe('party duplicates projection', () => {
  it('groups parties by exact e-mail, phone and identifier (scheme and normalised value), shared from two parties on', async () => {
    const ledger = new SpecLedger();
    register(ledger, 'p-2', 'same@example.org');
    register(ledger, 'p-1', 'same@example.org');
    ledger.add({ type: 'ContactPointAdded', data: { partyId: 'p-1', contactPointId: 'cp-9', kind: 'phone', value: '+441234567890', verified: false } });
    ledger.add({ type: 'ContactPointAdded', data: { partyId: 'p-2', contactPointId: 'cp-8', kind: 'postal', value: '1 High St', verified: false, address: { lines: ['1 High St'], country: 'GB' } } });
    ledger.add({ type: 'IdentifierAdded', data: { partyId: 'p-1', scheme: 'nino', value: 'qq 12 34 56 c' } });
    ledger.add({ type: 'IdentifierAdded', data: { partyId: 'p-2', scheme: 'nino', value: 'QQ123456C' } });
    ledger.add({ type: 'IdentifierAdded', data: { partyId: 'p-2', scheme: 'client-number', value: 'QQ123456C' } });
    await given(...ledger.events).thenDocuments(D, [
      { id: 'email|same@example.org', kind: 'email', value: 'same@example.org', partyIds: ['p-1', 'p-2'], shared: true },
      { id: 'identifier|client-number|QQ123456C', kind: 'identifier', scheme: 'client-number', value: 'QQ123456C', partyIds: ['p-2'], shared: false },
      { id: 'identifier|nino|QQ123456C', kind: 'identifier', scheme: 'nino', value: 'QQ123456C', partyIds: ['p-1', 'p-2'], shared: true },
      { id: 'phone|+441234567890', kind: 'phone', value: '+441234567890', partyIds: ['p-1'], shared: false },
    ]);
  });

  it('lets a party leave a key when its last contact point with it is removed, and drops a key no one holds', async () => {
    const ledger = new SpecLedger();
    register(ledger, 'p-1', 'same@example.org');
    register(ledger, 'p-2', 'same@example.org');
    ledger.add({ type: 'ContactPointAdded', data: { partyId: 'p-2', contactPointId: 'cp-again', kind: 'email', value: 'same@example.org', verified: true } });
    ledger.add({ type: 'ContactPointAdded', data: { partyId: 'p-1', contactPointId: 'cp-x', kind: 'email', value: 'only@example.org', verified: true } });
    ledger.add({ type: 'ContactPointRemoved', data: { partyId: 'p-2', contactPointId: 'cp-p-2' } });
    ledger.add({ type: 'ContactPointRemoved', data: { partyId: 'p-1', contactPointId: 'cp-x' } });
    await given(...ledger.events).thenMatching(D, [{ id: 'email|same@example.org', partyIds: ['p-1', 'p-2'], shared: true }]);
    ledger.add({ type: 'ContactPointRemoved', data: { partyId: 'p-2', contactPointId: 'cp-again' } });
    await given(...ledger.events).thenMatching(D, [{ id: 'email|same@example.org', partyIds: ['p-1'], shared: false }]);
  });

  it('takes an erased party out of every key it held', async () => {
    const ledger = new SpecLedger();
    register(ledger, 'p-1', 'same@example.org');
    register(ledger, 'p-2', 'same@example.org');
    ledger.add({ type: 'PartyErased', data: { partyId: 'p-2', legalBasis: 'GDPR Art. 17' } });
    await given(...ledger.events).thenDocuments(D, [{ id: 'email|same@example.org', kind: 'email', value: 'same@example.org', partyIds: ['p-1'], shared: false }]);
    await given(...ledger.events).thenDocuments(COLLECTIONS.partyDuplicateKeys, [
      { id: 'p-1', contactPoints: { 'cp-p-1': 'email|same@example.org' }, identifiers: [] },
      { id: 'p-2', contactPoints: {}, identifiers: [] },
    ]);
  });
});
