import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@civic-ledger/config';
import { EventStore } from '@civic-ledger/event-store';
import { catchUpViews, ReadStore, SqliteReadStore } from '@civic-ledger/read-models';
import { mongoReadModelsAdapter } from './vendor-adapters';
import { LiveReadStore, liveSqliteSet } from './live-read-store';

/** Embedded read-model sets besides the one being built: the live file, previous and unswapped rebuilds. */
export const KEPT_SQLITE_SET = /^read-models(\.(previous|rebuild)-\d+)?\.sqlite$/;

/**
 * Erasure reaches every read-model set the system keeps. A blue/green rebuild keeps the previous set
 * (and `--no-swap` keeps the new one); nothing projects into a kept set, so without this a person
 * erased later would stay readable there. Before the live projector commits a batch that holds an
 * erasure, it brings every other kept set up to the same position: the same projections then redact
 * it field for field, exactly as in the live set. A set that cannot be brought up is dropped.
 *
 * "Other" means every set but the one this process writes to: after a rebuild switched sets under a
 * running server, that server still writes to the set it opened, and the newly switched-in set is
 * caught up here too until the server restarts.
 */
export class KeptReadModelSets {
  private constructor(private readonly config: AppConfig, private readonly events: EventStore, private readonly own: () => string | undefined) {}

  /** `views`: the store this process writes to (the one not to touch; it follows switches). */
  static of(config: AppConfig, events: EventStore, views: ReadStore): KeptReadModelSets {
    if (views instanceof LiveReadStore) return new KeptReadModelSets(config, events, () => views.setName);
    if (config.readStore === 'mongo') return new KeptReadModelSets(config, events, () => (views instanceof mongoReadModelsAdapter().MongoReadStore ? views.setPrefix : undefined));
    return new KeptReadModelSets(config, events, () => liveSqliteSet(config.dataDir));
  }

  /** Brings every other kept set up to `position` (so it applies the erasures up to there). */
  async catchUp(position: number): Promise<void> {
    if (this.config.readStore === 'mongo') await this.catchUpMongo(position);
    else await this.catchUpSqlite(position);
  }

  private async catchUpSqlite(position: number): Promise<void> {
    const dir = this.config.dataDir;
    for (const file of readdirSync(dir).filter((f) => KEPT_SQLITE_SET.test(f))) {
      const path = join(dir, file);
      if (file === this.own()) continue;
      await applyOrDrop(this.events, () => {
        const store = new SqliteReadStore(path);
        return { store, close: () => store.close() };
      }, position, async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      });
    }
  }

  private async catchUpMongo(position: number): Promise<void> {
    const sets = mongoReadModelsAdapter().MongoReadModelSets.connect(this.config.mongodbUrl as string);
    try {
      for (const prefix of await sets.kept(this.own() ?? '')) {
        // The store shares the sets' client, closed once below.
        await applyOrDrop(this.events, () => ({ store: sets.open(prefix), close: async () => undefined }), position, async () => {
          await sets.drop(prefix);
        });
      }
    } finally {
      await sets.close();
    }
  }
}

async function applyOrDrop(events: EventStore, open: () => { store: ReadStore; close(): Promise<void> }, position: number, drop: () => Promise<void>): Promise<void> {
  try {
    const { store, close } = open();
    try {
      await catchUpViews(events, store, position);
    } finally {
      await close();
    }
  } catch {
    // A kept set the erasure cannot reach does not stay behind with the plaintext (the live set is never dropped here).
    await drop();
  }
}
