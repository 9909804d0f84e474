import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leaseStoreContract } from '../leases/lease-store.contract';
import { SqliteLeaseStore } from './sqlite.lease-store';

leaseStoreContract('embedded SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-lease-'));
  const store = new SqliteLeaseStore(join(dir, 'ledger-state.sqlite'));
  return { store, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});
