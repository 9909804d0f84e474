import { AppConfig, loadConfig } from '@civic-ledger/config';
import { EventStore } from '@civic-ledger/event-store';
import { LEDGER_PROJECTIONS, ReadStore } from '@civic-ledger/read-models';
import { createEventStore, createReadStore } from '../../api/src/infrastructure/ledger-stores';

export interface CliStores {
  config: AppConfig;
  events: EventStore;
  views: ReadStore;
  close(): Promise<void>;
}

/** Opens the configured stores directly (no HTTP) for operator and auditor commands. */
export async function openStores(): Promise<CliStores> {
  const config = loadConfig();
  const events = createEventStore(config);
  const views = await createReadStore(config);
  for (const p of LEDGER_PROJECTIONS) for (const c of p.collections) await views.ensureCollection(c.name, c.indexes);
  return { config, events, views, close: async () => { await events.close(); await views.close(); } };
}
