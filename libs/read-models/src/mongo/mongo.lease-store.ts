import { Collection, MongoClient, MongoServerError } from 'mongodb';
import { Lease, LeaseStore } from '../leases/lease-store.port';

const DUPLICATE_KEY = 11000;

/** Leases and consumer checkpoints in two collections of the ledger's database, outside every read-model set prefix. */
export class MongoLeaseStore implements LeaseStore {
  private readonly leases: Collection<{ _id: string; owner: string; expiresAt: number }>;
  private readonly checkpoints: Collection<{ _id: string; position: number }>;

  constructor(private readonly client: MongoClient, dbName: string) {
    const db = client.db(dbName);
    this.leases = db.collection('civic_ledger_leases');
    this.checkpoints = db.collection('civic_ledger_state_checkpoints');
  }

  static connect(url: string, dbName: string): MongoLeaseStore {
    return new MongoLeaseStore(new MongoClient(url, { serverSelectionTimeoutMS: 10_000 }), dbName);
  }

  async acquire(name: string, owner: string, ttlMs: number, now = Date.now()): Promise<boolean> {
    try {
      // Matches only a lease that is ours or expired; when it is someone else's, the upsert collides on _id.
      await this.leases.updateOne(
        { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] },
        { $set: { owner, expiresAt: now + ttlMs } },
        { upsert: true },
      );
      return true;
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async takeOver(name: string, from: string, owner: string, ttlMs: number, now = Date.now()): Promise<boolean> {
    return (await this.leases.updateOne({ _id: name, owner: from }, { $set: { owner, expiresAt: now + ttlMs } })).modifiedCount === 1;
  }

  async release(name: string, owner: string): Promise<void> {
    await this.leases.deleteOne({ _id: name, owner });
  }

  async holder(name: string): Promise<Lease | null> {
    const doc = await this.leases.findOne({ _id: name });
    return doc ? { name, owner: doc.owner, expiresAt: doc.expiresAt } : null;
  }

  async list(prefix: string): Promise<Lease[]> {
    const all = await this.leases.find({ _id: { $gte: prefix } }).sort({ _id: 1 }).toArray();
    return all.filter((doc) => doc._id.startsWith(prefix)).map((doc) => ({ name: doc._id, owner: doc.owner, expiresAt: doc.expiresAt }));
  }

  async checkpoint(name: string): Promise<number> {
    return (await this.checkpoints.findOne({ _id: name }))?.position ?? 0;
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    await this.checkpoints.updateOne({ _id: name }, { $max: { position } }, { upsert: true });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
