import { randomUUID } from 'node:crypto';
import { MemoryReadStore } from '../memory/memory.read-store';
import { readStoreContract } from '../read-store.contract';
import { MongoReadStore } from './mongo.read-store';

const url = process.env.MONGODB_URL;
const suite = url ? describe : describe.skip;
if (!url) process.stderr.write('\n*** MongoDB suites SKIPPED: no MONGODB_URL and no test server (see tests/infra). ***\n');

suite('MongoReadStore', () => {
  const open = () => MongoReadStore.connect(`${url}/cl_test_${randomUUID().slice(0, 8)}`);

  readStoreContract('MongoDB (wire server in CI, real MongoDB with MONGODB_URL)', async () => {
    const store = open();
    return { store, dispose: () => store.close() };
  });

  it('stores documents so that checksums equal the embedded stores\' for the same writes', async () => {
    const mongo = open();
    const memory = new MemoryReadStore();
    for (const store of [mongo, memory]) {
      await store.ensureCollection('c', [{ name: 'by_name', fields: ['name'] }]);
      await store.commit([
        { collection: 'c', id: 'b', doc: { name: 'Zoë', id: 'b', n: [1, 2.5, -3], nested: { x: true, y: null }, empty: {} }, position: 1 },
        { collection: 'c', id: 'a', doc: { id: 'a', skipped: undefined, text: "O'Brien; DROP TABLE x; {\"$gt\":1}" }, position: 2 },
      ], { name: 'cp', position: 2 });
    }
    expect(await mongo.checksums(['c'])).toEqual(await memory.checksums(['c']));
    await mongo.close();
  });
});

/**
 * Which index serves each query (see README): only a real MongoDB answers explain(); the wire test
 * server does not implement it, so this runs when MONGODB_URL points at a real server.
 */
const realMongo = url !== undefined && process.env.CIVIC_LEDGER_TEST_MONGO !== 'started';
(realMongo ? describe : describe.skip)('query plans on a real MongoDB', () => {
  const winning = (plan: Record<string, unknown>): string => JSON.stringify((plan.queryPlanner as Record<string, unknown>).winningPlan);
  const dbName = `cl_plan_${randomUUID().slice(0, 8)}`;
  // Opened once and closed in afterAll, also when an expectation fails (an open client keeps Jest from exiting).
  let store: MongoReadStore | null = null;
  let client: import('mongodb').MongoClient | null = null;
  afterAll(async () => {
    try {
      await client?.db(dbName).dropDatabase();
    } finally {
      await client?.close();
      await store?.close();
    }
  });

  it('serves timeline pages, search and correspondence lists from their indexes', async () => {
    const { MongoClient } = await import('mongodb');
    const { compileFilter, compileSort } = await import('./mongo.query');
    const { LEDGER_PROJECTIONS } = await import('../projections/ledger-projections');
    store = MongoReadStore.connect(`${url}/${dbName}`);
    client = new MongoClient(url as string);
    for (const p of LEDGER_PROJECTIONS) for (const c of p.collections) await store.ensureCollection(c.name, c.indexes);
    const db = client.db(dbName);
    const plan = async (collection: string, query: Parameters<typeof compileFilter>[0]) =>
      winning(await db.collection(`rm_${collection}`).find(compileFilter(query)).sort(compileSort(query) ?? {}).limit(query.limit ?? 0).explain());
    const timeline = await plan('timeline', { where: [{ field: 'partyId', op: 'eq', value: 'p' }], orderBy: [{ field: 'occurredAt', direction: 'desc' }, { field: 'id', direction: 'desc' }], limit: 51 });
    expect(timeline).toContain('IXSCAN');
    expect(timeline).toContain('party_occurred');
    expect(timeline).not.toContain('"stage":"SORT"');
    const search = await plan('party_lookup', { where: [{ field: 'kind', op: 'eq', value: 'name' }, { field: 'value', op: 'prefix', value: 'zo' }], limit: 2000 });
    expect(search).toContain('kind_value');
    const due = await plan('correspondence', { where: [{ field: 'status', op: 'eq', value: 'received' }, { field: 'dueAt', op: 'lt', value: '2025' }], orderBy: [{ field: 'dueAt', direction: 'asc' }, { field: 'id', direction: 'asc' }], limit: 51 });
    expect(due).toContain('status_due');
  });
});
if (!realMongo) process.stderr.write('\n*** Query-plan test needs a real MongoDB (MONGODB_URL); the wire test server has no explain(). ***\n');
