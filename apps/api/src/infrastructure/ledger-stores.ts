import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError } from '@civic-ledger/config';
import { EventStore, SqliteEventStore } from '@civic-ledger/event-store';
import { ReadStore, SqliteReadStore } from '@civic-ledger/read-models';

export const EVENTS_FILE = 'events.sqlite';
export const VIEWS_FILE = 'read-models.sqlite';

/** Adapter selection: the one place that turns configuration into store instances. */
export function createEventStore(config: AppConfig): EventStore {
  if (config.eventStore !== 'sqlite') {
    throw new ConfigError(`EVENT_STORE=${config.eventStore} is not available in this build yet; use EVENT_STORE=sqlite (the default).`);
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore(join(config.dataDir, EVENTS_FILE));
}

/** A fresh, empty read-model set for `rebuild`; `finish` readies it for serving once loaded. */
export function createRebuildTarget(config: AppConfig, file: string): { store: ReadStore; finish: () => Promise<void> } {
  if (config.readStore !== 'sqlite') {
    throw new ConfigError(`READ_STORE=${config.readStore} is not available in this build yet; use READ_STORE=sqlite (the default).`);
  }
  const store = new SqliteReadStore(join(config.dataDir, file), { bulkLoad: true });
  return { store, finish: () => store.buildDeferredIndexes() };
}

export function createReadStore(config: AppConfig, file = VIEWS_FILE): ReadStore {
  if (config.readStore !== 'sqlite') {
    throw new ConfigError(`READ_STORE=${config.readStore} is not available in this build yet; use READ_STORE=sqlite (the default).`);
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteReadStore(join(config.dataDir, file));
}
