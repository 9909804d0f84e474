import { randomUUID } from 'node:crypto';
import { leaseStoreContract } from '../leases/lease-store.contract';
import { MongoLeaseStore } from './mongo.lease-store';

const url = process.env.MONGODB_URL;
const suite = url ? describe : describe.skip;
if (!url) process.stderr.write('\n*** MongoDB lease suite SKIPPED: no MONGODB_URL and no test server (see tests/infra). ***\n');

suite('MongoLeaseStore', () => {
  leaseStoreContract('MongoDB (wire server in CI, real MongoDB with MONGODB_URL)', async () => {
    const store = MongoLeaseStore.connect(url as string, `cl_lease_${randomUUID().slice(0, 8)}`);
    return { store, dispose: () => store.close() };
  });
});
