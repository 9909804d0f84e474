import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@civic-ledger/config';
import { Change, Checkpoint, CollectionChecksum, Doc, FindQuery, IndexSpec, JsonChange, ReadStore, SqliteReadStore } from '@civic-ledger/read-models';
import { mongoReadModelsAdapter } from './vendor-adapters';

/** The embedded set that was live before sets had a pointer (and is live while there is none). */
export const DEFAULT_SQLITE_SET = 'read-models.sqlite';
/** Names the live embedded set; switching sets rewrites it atomically, and no set file is ever renamed while open. */
export const LIVE_POINTER_FILE = 'read-models.live';
/** How long a store replaced by a switch stays open for reads already under way. */
const RETIRE_AFTER_MS = 5000;

/** The live embedded set's file name (the pointer's, or the default set's when there is no pointer yet). */
export function liveSqliteSet(dataDir: string): string {
  const pointer = join(dataDir, LIVE_POINTER_FILE);
  if (!existsSync(pointer)) return DEFAULT_SQLITE_SET;
  const name = readFileSync(pointer, 'utf8').trim();
  return /^read-models(\.[a-z]+-\d+)?\.sqlite$/.test(name) && existsSync(join(dataDir, name)) ? name : DEFAULT_SQLITE_SET;
}

/** Makes `name` the live embedded set (write a temporary file, then rename it over the pointer: atomic). */
export function pointSqliteLiveSet(dataDir: string, name: string): void {
  const temporary = join(dataDir, `${LIVE_POINTER_FILE}.${process.pid}.tmp`);
  writeFileSync(temporary, `${name}\n`);
  renameSync(temporary, join(dataDir, LIVE_POINTER_FILE));
}

interface SetSource {
  liveName(): Promise<string>;
  open(name: string): ReadStore;
  close(): Promise<void>;
}

function sourceFor(config: AppConfig): SetSource {
  if (config.readStore === 'mongo') {
    const { MongoReadModelSets, MongoReadStore } = mongoReadModelsAdapter();
    const sets = MongoReadModelSets.connect(config.mongodbUrl as string);
    // Each set's store has its own client, so retiring one never closes the other's.
    return { liveName: () => sets.active(), open: (prefix) => MongoReadStore.connect(config.mongodbUrl as string, { prefix }), close: () => sets.close() };
  }
  return {
    liveName: async () => liveSqliteSet(config.dataDir),
    open: (file) => new SqliteReadStore(join(config.dataDir, file)),
    close: async () => undefined,
  };
}

/**
 * The live read-model set, following the pointer: when a rebuild switches sets, `refresh()` moves this
 * process to the new set without a restart (the caller restarts its projections on it). The store it
 * leaves stays open a few seconds for reads under way, then closes.
 */
export class LiveReadStore implements ReadStore {
  private constructor(private readonly source: SetSource, private current: ReadStore, private currentName: string) {}

  static async open(config: AppConfig): Promise<LiveReadStore> {
    const source = sourceFor(config);
    const name = await source.liveName();
    return new LiveReadStore(source, source.open(name), name);
  }

  /** The set this process reads and writes now (file name or collection prefix). */
  get setName(): string {
    return this.currentName;
  }

  /** Moves to the live set if the pointer names another one; true when it moved. */
  async refresh(): Promise<boolean> {
    const name = await this.source.liveName();
    if (name === this.currentName) return false;
    const previous = this.current;
    this.current = this.source.open(name);
    this.currentName = name;
    setTimeout(() => void previous.close().catch(() => undefined), RETIRE_AFTER_MS).unref();
    return true;
  }

  ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void> { return this.current.ensureCollection(collection, indexes); }
  get<T extends Doc>(collection: string, id: string): Promise<T | null> { return this.current.get<T>(collection, id); }
  getVersioned<T extends Doc>(collection: string, id: string): Promise<{ doc: T; position: number } | null> { return this.current.getVersioned<T>(collection, id); }
  getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> { return this.current.getMany<T>(collection, ids); }
  find<T extends Doc>(collection: string, query: FindQuery): Promise<T[]> { return this.current.find<T>(collection, query); }
  findJson(collection: string, query: FindQuery): Promise<string[]> { return this.current.findJson(collection, query); }
  scan<T extends Doc>(collection: string, after: string | null, limit: number): Promise<{ doc: T; position: number }[]> { return this.current.scan<T>(collection, after, limit); }
  commit(changes: readonly Change[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void> { return this.current.commit(changes, checkpoint); }
  commitJson(changes: readonly JsonChange[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void> { return this.current.commitJson(changes, checkpoint); }
  checkpoint(name: string): Promise<number> { return this.current.checkpoint(name); }
  checksums(collections: readonly string[]): Promise<CollectionChecksum[]> { return this.current.checksums(collections); }
  purge(): Promise<void> { return this.current.purge(); }

  async close(): Promise<void> {
    await this.current.close();
    await this.source.close();
  }
}
