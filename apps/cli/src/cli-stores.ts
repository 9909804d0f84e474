import { userInfo } from 'node:os';
import { AccessLog } from '@civic-ledger/audit';
import { AppConfig, loadConfig } from '@civic-ledger/config';
import { EventStore } from '@civic-ledger/event-store';
import { LEDGER_PROJECTIONS, ReadStore } from '@civic-ledger/read-models';
import { createEventStore, createReadStore, rawEvents } from '@civic-ledger/composition';

export interface CliStores {
  config: AppConfig;
  events: EventStore;
  /** The event store as stored (personal fields sealed): for hash, checkpoint and proof work. */
  stored: EventStore;
  views: ReadStore;
  /** Puts a read of a party's record by the operator into the access ledger; resolves once it is stored (before the command shows anything). */
  recordAccess(partyId: string, endpoint: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens the configured stores directly (no HTTP) for operator and auditor commands. */
export async function openStores(): Promise<CliStores> {
  const config = loadConfig();
  const events = createEventStore(config);
  const views = await createReadStore(config);
  for (const p of LEDGER_PROJECTIONS) for (const c of p.collections) await views.ensureCollection(c.name, c.indexes);
  const access = new AccessLog(events);
  // On the server's machine the operating-system account is who looked.
  const actor = `cli:${userInfo().username}`;
  return {
    config, events, stored: rawEvents(events), views,
    recordAccess: (partyId, endpoint) => access.record({ partyId, actor, role: 'operator', endpoint, at: new Date() }),
    close: async () => {
      await access.flush();
      await events.close();
      await views.close();
    },
  };
}
