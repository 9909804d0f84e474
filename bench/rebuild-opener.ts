import { SqliteEventStore } from '@civic-ledger/event-store';

/** The bench's rebuild threads open the unencrypted ledger file (RebuildThreads.opener). */
export async function openRebuildLedger(args: unknown): Promise<SqliteEventStore> {
  return new SqliteEventStore((args as { ledger: string }).ledger);
}

export const REBUILD_OPENER = __filename;
