import { COLLECTIONS } from '../views';
import { given, project, documents, SpecLedger } from './projection.spec-kit';

const L = COLLECTIONS.partyLookup;
const key = (partyId: string, kind: string, value: string) => ({ id: `${partyId}|${kind}|${value}`, partyId, kind, value });

function adaWithEmail(): SpecLedger {
  const ledger = new SpecLedger();
  ledger.add({ type: 'PartyRegistered', data: { partyId: 'p-1', kind: 'person', name: { full: 'Zoë Núñez-Smith' } } });
  ledger.add({ type: 'ContactPointAdded', data: { partyId: 'p-1', contactPointId: 'cp-1', kind: 'email', value: 'zoe@example.org', verified: true } });
  return ledger;
}

describe('party lookup projection', () => {
  it('keys a party by folded name tokens, e-mail, phone and normalised identifiers, never by postal address', async () => {
    const ledger = adaWithEmail();
    ledger.add({ type: 'ContactPointAdded', data: { partyId: 'p-1', contactPointId: 'cp-2', kind: 'phone', value: '+441234567890', verified: false } });
    ledger.add({ type: 'ContactPointAdded', data: {
      partyId: 'p-1', contactPointId: 'cp-3', kind: 'postal', value: '1 High St, Leeds', verified: false, address: { lines: ['1 High St'], city: 'Leeds', country: 'GB' },
    } });
    ledger.add({ type: 'IdentifierAdded', data: { partyId: 'p-1', scheme: 'nino', value: ' qq 12 34 56 c ' } });
    await given(...ledger.events).thenDocuments(L, [
      key('p-1', 'email', 'zoe@example.org'), key('p-1', 'identifier', 'QQ123456C'), key('p-1', 'name', 'nunez'),
      key('p-1', 'name', 'smith'), key('p-1', 'name', 'zoe'), key('p-1', 'phone', '+441234567890'),
    ]);
  });

  it('replaces the name keys when the name changes and drops a removed contact point\'s key', async () => {
    const ledger = adaWithEmail();
    ledger.add({ type: 'PartyNameChanged', data: { partyId: 'p-1', name: { full: 'Zoë Smith' } } });
    ledger.add({ type: 'ContactPointRemoved', data: { partyId: 'p-1', contactPointId: 'cp-1' } });
    await given(...ledger.events).thenDocuments(L, [key('p-1', 'name', 'smith'), key('p-1', 'name', 'zoe')]);
  });

  it('drops every key of an erased party', async () => {
    const ledger = adaWithEmail();
    ledger.add({ type: 'PartyErased', data: { partyId: 'p-1', legalBasis: 'GDPR Art. 17' } });
    await given(...ledger.events).thenDocuments(L, []);
  });

  // A deleted key leaves no position behind; the party's key list, written with every key change, guards it.
  it('keeps dropped keys dropped when old events are delivered again', async () => {
    const ledger = adaWithEmail();
    ledger.add({ type: 'ContactPointRemoved', data: { partyId: 'p-1', contactPointId: 'cp-1' } });
    const redelivered = await project(ledger.events, await project(ledger.events));
    expect(await documents(redelivered, L)).toEqual([key('p-1', 'name', 'nunez'), key('p-1', 'name', 'smith'), key('p-1', 'name', 'zoe')]);
  });
});
