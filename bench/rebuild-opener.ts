import { SqliteEventStore } from '@civic-ledger/event-store';
import { SqliteReadStore } from '@civic-ledger/read-models';

/** The bench's rebuild threads open the unencrypted ledger file and the set being loaded (RebuildThreads.opener). */
export async function openRebuildStores(args: unknown): Promise<{ events: SqliteEventStore; target: SqliteReadStore }> {
  const { ledger, views } = args as { ledger: string; views: string };
  return { events: new SqliteEventStore(ledger), target: new SqliteReadStore(views, { bulkLoad: true }) };
}

export const REBUILD_OPENER = __filename;
