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
