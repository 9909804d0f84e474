import { MongoClient } from 'mongodb';
import { mongoDatabaseName } from '@civic-ledger/config';
import { MongoReadStore } from './mongo.read-store';

const META = 'civic_ledger_meta';
const POINTER = 'read-models';
export const DEFAULT_SET = 'rm_';

/**
 * Blue/green read-model sets in one MongoDB database: each set is a collection prefix; a pointer
 * document names the live one. Switching is one atomic single-document update; old sets stay until
 * dropped explicitly.
 */
export class MongoReadModelSets {
  private constructor(private readonly client: MongoClient, private readonly dbName: string) {}

  static connect(url: string): MongoReadModelSets {
    const client = new MongoClient(url, { ignoreUndefined: true, serverSelectionTimeoutMS: 10_000 });
    return new MongoReadModelSets(client, mongoDatabaseName(url));
  }

  private get meta() {
    return this.client.db(this.dbName).collection<{ _id: string; active: string; previous?: string | null; switchedAt?: string; building?: string[] }>(META);
  }

  async active(): Promise<string> {
    return (await this.meta.findOne({ _id: POINTER }))?.active ?? DEFAULT_SET;
  }

  /** A store on the live set. */
  async openActive(): Promise<MongoReadStore> {
    return new MongoReadStore(this.client, this.dbName, { prefix: await this.active() });
  }

  /** A store on a new, empty set named after `label`; it counts as being built until `built(prefix)`. */
  async openNew(label: string): Promise<{ store: MongoReadStore; prefix: string }> {
    const prefix = `rs_${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}__`;
    await this.meta.updateOne({ _id: POINTER }, { $setOnInsert: { active: DEFAULT_SET }, $addToSet: { building: prefix } }, { upsert: true });
    return { store: new MongoReadStore(this.client, this.dbName, { prefix }), prefix };
  }

  /** The rebuild of `prefix` ended (kept or switched to). */
  async built(prefix: string): Promise<void> {
    await this.meta.updateOne({ _id: POINTER }, { $pull: { building: prefix } });
  }

  async activate(prefix: string, at: string): Promise<string> {
    const previous = await this.active();
    await this.meta.updateOne({ _id: POINTER }, { $set: { active: prefix, previous, switchedAt: at }, $pull: { building: prefix } }, { upsert: true });
    return previous;
  }

  /** Every set kept besides `except` (and besides sets a rebuild is still loading): what erasure must reach too. */
  async kept(except: string): Promise<string[]> {
    const building = new Set((await this.meta.findOne({ _id: POINTER }))?.building ?? []);
    return (await this.list()).map((s) => s.prefix).filter((p) => p !== except && !building.has(p));
  }

  /** A store on an existing set. */
  open(prefix: string): MongoReadStore {
    return new MongoReadStore(this.client, this.dbName, { prefix });
  }

  async list(): Promise<{ prefix: string; collections: number; active: boolean }[]> {
    const active = await this.active();
    const names = (await this.client.db(this.dbName).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    const prefixes = new Map<string, number>();
    for (const name of names) {
      const prefix = name.startsWith(DEFAULT_SET) ? DEFAULT_SET : /^(rs_[a-z0-9]+__)/.exec(name)?.[1];
      if (prefix) prefixes.set(prefix, (prefixes.get(prefix) ?? 0) + 1);
    }
    return [...prefixes.entries()].map(([prefix, collections]) => ({ prefix, collections, active: prefix === active }));
  }

  async drop(prefix: string): Promise<number> {
    if (prefix === (await this.active())) throw new Error(`${prefix} is the live read-model set; switch to another before dropping it.`);
    const db = this.client.db(this.dbName);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => n.startsWith(prefix));
    for (const name of names) await db.collection(name).drop();
    return names.length;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
