import { loadConfig } from '@civic-ledger/config';
import { EventStore } from '@civic-ledger/event-store';
import { createEventStore } from './ledger-stores';

/**
 * Opened in each worker thread of `civic-ledger rebuild` (see RebuildThreads): the configured ledger,
 * read through the encrypting store as the rebuild in one thread reads it. The set being rebuilt stays
 * with the command's own thread, which writes what the threads project. Configuration comes from the
 * environment the thread inherits.
 */
export async function openRebuildLedger(_args: unknown): Promise<EventStore> {
  return createEventStore(loadConfig());
}

/** This module, for RebuildThreads.opener. */
export const REBUILD_OPENER = __filename;
