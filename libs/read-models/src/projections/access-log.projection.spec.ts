import { partyStreamId } from '@civic-ledger/domain';
import { COLLECTIONS } from '../views';
import { given, SpecLedger } from './projection.spec-kit';

const A = COLLECTIONS.accessLog;
const look = (partyId: string, actor: string, endpoint: string, at: string, purpose?: string) =>
  ({ partyId, actor, role: 'caseworker', endpoint, at, ...(purpose ? { purpose } : {}) });

describe('access log projection', () => {
  it('writes one entry per look, keyed by the event and the look\'s place in it', async () => {
    const ledger = new SpecLedger();
    const batch = ledger.record('access-log-2024-03-01', { type: 'PartyRecordsAccessed', data: { accesses: [
      look('p-1', 'staff-1', 'view', '2024-03-01T09:00:01.000Z'),
      look('p-2', 'staff-2', 'timeline', '2024-03-01T09:00:02.000Z', 'case review'),
    ] } }, { actor: 'access-ledger' });
    await given(...ledger.events).thenDocuments(A, [
      { id: `${batch.id}:0000`, partyId: 'p-1', actor: 'staff-1', role: 'caseworker', endpoint: 'view', access: 'viewed', at: '2024-03-01T09:00:01.000Z', position: 1 },
      { id: `${batch.id}:0001`, partyId: 'p-2', actor: 'staff-2', role: 'caseworker', endpoint: 'timeline', access: 'viewed', at: '2024-03-01T09:00:02.000Z', position: 1, purpose: 'case review' },
    ]);
  });

  it('stores the fields of each document in one order (checksums compare read-model sets byte for byte)', async () => {
    const ledger = new SpecLedger();
    ledger.record('access-log-2024-03-01', { type: 'PartyRecordsAccessed', data: { accesses: [
      look('p-1', 'staff-1', 'view', '2024-03-01T09:00:01.000Z', 'case review'),
      { access: 'listed', partyIds: ['p-2'], actor: 'staff-1', role: 'clerk', endpoint: 'search', at: '2024-03-01T09:00:02.000Z' },
    ] } });
    const docs = await given(...ledger.events).documents(A);
    expect(docs.map((d) => Object.keys(d))).toEqual([
      ['id', 'partyId', 'access', 'actor', 'role', 'endpoint', 'at', 'position', 'purpose'],
      ['id', 'partyId', 'access', 'listing', 'actor', 'role', 'endpoint', 'at', 'position'],
    ]);
  });

  it('keeps every look across batches and ignores every other event', async () => {
    const ledger = new SpecLedger();
    ledger.record(partyStreamId('p-1'), { type: 'PartyRegistered', data: { partyId: 'p-1', kind: 'person', name: { full: 'Ada Byron' } } });
    const first = ledger.record('access-log-2024-03-01', { type: 'PartyRecordsAccessed', data: { accesses: [look('p-1', 'staff-1', 'view', '2024-03-01T09:00:00.000Z')] } });
    const second = ledger.record('access-log-2024-03-01', { type: 'PartyRecordsAccessed', data: { accesses: [look('p-1', 'staff-1', 'export', '2024-03-01T10:00:00.000Z')] } });
    await given(...ledger.events).thenMatching(A, [
      { id: `${first.id}:0000`, endpoint: 'view', position: 2 },
      { id: `${second.id}:0000`, endpoint: 'export', position: 3 },
    ]);
  });

  it('writes a listing as one listed document per party it showed, each naming the listing, beside the views', async () => {
    const ledger = new SpecLedger();
    const at = '2024-03-01T09:00:00.000Z';
    const batch = ledger.record('access-log-2024-03-01', { type: 'PartyRecordsAccessed', data: { accesses: [
      { access: 'listed', partyIds: ['p-1', 'p-2'], actor: 'staff-1', role: 'clerk', endpoint: 'search', at, purpose: 'counter' },
      look('p-1', 'staff-1', 'view', at),
    ] } });
    await given(...ledger.events).thenDocuments(A, [
      { id: `${batch.id}:0000:0000`, partyId: 'p-1', access: 'listed', listing: { id: `${batch.id}:0000`, parties: 2 }, actor: 'staff-1', role: 'clerk', endpoint: 'search', at, position: 1, purpose: 'counter' },
      { id: `${batch.id}:0000:0001`, partyId: 'p-2', access: 'listed', listing: { id: `${batch.id}:0000`, parties: 2 }, actor: 'staff-1', role: 'clerk', endpoint: 'search', at, position: 1, purpose: 'counter' },
      { id: `${batch.id}:0001`, partyId: 'p-1', access: 'viewed', actor: 'staff-1', role: 'caseworker', endpoint: 'view', at, position: 1 },
    ]);
  });

  it('reads the per-result search looks recorded before listings existed as listed', async () => {
    const ledger = new SpecLedger();
    const batch = ledger.record('access-log-2024-03-01', { type: 'PartyRecordsAccessed', data: { accesses: [look('p-1', 'staff-1', 'search', '2024-03-01T09:00:00.000Z')] } });
    await given(...ledger.events).thenMatching(A, [{ id: `${batch.id}:0000`, access: 'listed', endpoint: 'search' }]);
  });
});
