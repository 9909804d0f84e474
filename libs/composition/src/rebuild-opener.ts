import { loadConfig } from '@civic-ledger/config';
import { EventStore } from '@civic-ledger/event-store';
import { ReadStore, SqliteReadStore } from '@civic-ledger/read-models';
import { createEventStore, RebuildOpenerArgs } from './ledger-stores';
import { mongoReadModelsAdapter } from './vendor-adapters';

/**
 * Opened in each worker thread of `civic-ledger rebuild` (see RebuildThreads): the configured ledger,
 * read through the encrypting store as the rebuild in one thread reads it, and its own connection to
 * the set being rebuilt. Configuration comes from the environment the thread inherits.
 */
export async function openRebuildStores(args: unknown): Promise<{ events: EventStore; target: ReadStore }> {
  const config = loadConfig();
  const where = args as RebuildOpenerArgs;
  const target = 'prefix' in where
    ? mongoReadModelsAdapter().MongoReadStore.connect(config.mongodbUrl as string, { prefix: where.prefix })
    : new SqliteReadStore(where.file, { bulkLoad: true });
  return { events: createEventStore(config), target };
}

/** This module, for RebuildThreads.opener. */
export const REBUILD_OPENER = __filename;
