import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppConfig, ConfigError } from '@civic-ledger/config';
import { EventStore, SqliteEventStore } from '@civic-ledger/event-store';
import { EventPublisher } from '@civic-ledger/messaging';
import { EncryptingEventStore, LocalKeyWrapper, SqliteKeyVault, StoredKeyVault } from '@civic-ledger/privacy';
import { loadOrCreateKeyFile } from './key-files';
import { LiveReadStore, liveSqliteSet, pointSqliteLiveSet } from './live-read-store';
import { LeaseStore, ReadStore, SqliteLeaseStore, SqliteReadStore } from '@civic-ledger/read-models';
import { esdbAdapter, kafkaAdapter, mongoKeyVaultAdapter, mongoReadModelsAdapter } from './vendor-adapters';

export const EVENTS_FILE = 'events.sqlite';
export const VIEWS_FILE = 'read-models.sqlite';

export const KEYS_FILE = 'keys.sqlite';
/** Leases and consumer checkpoints that no read-model set owns (shared by every process on the data). */
export const STATE_FILE = 'ledger-state.sqlite';

/**
 * Adapter selection: the one place that turns configuration into store instances. The event store
 * seals personal fields with per-party keys from the key vault (crypto-shredding); `.raw` is the
 * store as stored, for hash verification. The vendor adapters load only when selected (vendor-adapters.ts).
 */
export function createEventStore(config: AppConfig): EncryptingEventStore {
  mkdirSync(config.dataDir, { recursive: true });
  const inner = config.eventStore === 'esdb' ? new (esdbAdapter().EsdbEventStore)(config.eventStoreUrl as string) : new SqliteEventStore(join(config.dataDir, EVENTS_FILE));
  return new EncryptingEventStore(inner, createKeyVault(config));
}

export function createKeyVault(config: AppConfig): StoredKeyVault {
  const wrapper = new LocalKeyWrapper(loadMasterKey(config.privacy.masterKeyFile, config.privacy.masterKeyGenerated, 'MASTER_KEY_FILE'));
  const previous = config.privacy.previousMasterKeyFiles.map((file) => new LocalKeyWrapper(loadMasterKey(file, false, 'MASTER_KEY_PREVIOUS_FILES')));
  if (config.privacy.keyVault === 'mongo') return mongoKeyVaultAdapter().MongoKeyVault.connect(config.mongodbUrl as string, wrapper, previous);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteKeyVault(join(config.dataDir, KEYS_FILE), wrapper, previous);
}

function loadMasterKey(file: string, generated: boolean, variable: string): Buffer {
  const text = loadOrCreateKeyFile(file, generated, variable, () => `${randomBytes(32).toString('base64')}\n`);
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new ConfigError(`${file} must hold 32 random bytes in base64 (e.g. from: openssl rand -base64 32).`);
  return key;
}

/** The store as stored (personal fields sealed): what hash chains were computed over. */
export function rawEvents(events: EventStore): EventStore {
  return events instanceof EncryptingEventStore ? events.raw : events;
}

/** The Kafka publisher of the relay (only called with KAFKA_BROKERS set). */
export function createEventPublisher(config: AppConfig): EventPublisher {
  return new (kafkaAdapter().KafkaEventPublisher)({ brokers: config.kafkaBrokers });
}

/** The live read-model set (the embedded file or the MongoDB prefix the pointer names), following switches. */
export async function createReadStore(config: AppConfig): Promise<LiveReadStore> {
  mkdirSync(config.dataDir, { recursive: true });
  return LiveReadStore.open(config);
}

/** Where workers hold their leases and the relay its checkpoint: next to the read models, outside every set. */
export function createLeaseStore(config: AppConfig): LeaseStore {
  if (config.readStore === 'mongo') return mongoReadModelsAdapter().MongoLeaseStore.connect(config.mongodbUrl as string, config.mongodbDatabase as string);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteLeaseStore(join(config.dataDir, STATE_FILE));
}

/** A fresh, empty read-model set for a blue/green rebuild. */
export interface RebuildTarget {
  readonly store: ReadStore;
  /** Where the new set lives (file or collection prefix). */
  readonly name: string;
  /** Readies the loaded set for serving (indexes). */
  finish(): Promise<void>;
  /** Closes the new set and, with `swap`, makes it the live one; returns where the previous set is kept. */
  complete(swap: boolean): Promise<string | null>;
  /** A store on the completed set (kept or live), e.g. to bring it up to the ledger's head; the caller closes it. */
  reopen(): ReadStore;
}

export async function createRebuildTarget(config: AppConfig, label: string): Promise<RebuildTarget> {
  if (config.readStore === 'mongo') {
    const { MongoReadModelSets, MongoReadStore } = mongoReadModelsAdapter();
    const sets = MongoReadModelSets.connect(config.mongodbUrl as string);
    // Marked as being built until complete: erasures reach it through the rebuild's own catch-up meanwhile.
    const { store, prefix } = await sets.openNew(label);
    return {
      store, name: prefix, finish: async () => undefined,
      complete: async (swap) => {
        const previous = swap ? await sets.activate(prefix, new Date().toISOString()) : null;
        if (!swap) await sets.built(prefix);
        await store.close();
        return previous;
      },
      reopen: () => MongoReadStore.connect(config.mongodbUrl as string, { prefix }),
    };
  }
  // Loaded under a "building" name (no erasure catch-up touches a set still loading), then renamed to
  // what "read-models list"/"drop" show.
  const building = `read-models.building-${label}.sqlite`;
  const file = `read-models.rebuild-${label}.sqlite`;
  const dir = config.dataDir;
  const store = new SqliteReadStore(join(dir, building), { bulkLoad: true });
  return {
    store, name: file, finish: () => store.buildDeferredIndexes(),
    complete: async (swap) => {
      await store.close();
      if (!swap) {
        renameSync(join(dir, building), join(dir, file));
        return null;
      }

      // The set files keep their names (a running process may have the live one open); the pointer moves.
      renameSync(join(dir, building), join(dir, file));
      const previous = liveSqliteSet(dir);
      pointSqliteLiveSet(dir, file);
      return existsSync(join(dir, previous)) ? previous : null;
    },
    reopen: () => new SqliteReadStore(join(dir, file)),
  };
}
