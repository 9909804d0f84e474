import { randomBytes } from 'node:crypto';
import { Binary, Collection, MongoClient, MongoServerError } from 'mongodb';
import { KeyCache } from '../key-cache';
import { KeyDestroyed, KeyVault, KeyWrapper } from '../key-vault.port';

interface KeyDoc {
  _id: string;
  wrapped?: Binary;
  createdAt: string;
  destroyedAt?: string;
}

/** Key vault in MongoDB (collection `data_keys` of the configured database); destroy unsets the wrapped key. */
export class MongoKeyVault implements KeyVault {
  private readonly cache = new KeyCache();

  private constructor(private readonly client: MongoClient, private readonly keys: Collection<KeyDoc>, private readonly wrapper: KeyWrapper) {}

  static connect(url: string, wrapper: KeyWrapper): MongoKeyVault {
    const client = new MongoClient(url);
    return new MongoKeyVault(client, client.db().collection<KeyDoc>('data_keys'), wrapper);
  }

  async dataKey(subjectId: string): Promise<Buffer> {
    const found = await this.findKey(subjectId);
    if (found) return found;
    const doc = await this.keys.findOne({ _id: subjectId });
    if (doc?.destroyedAt) throw new KeyDestroyed(subjectId);
    if (!doc) {
      const wrapped = await this.wrapper.wrap(randomBytes(32), subjectId);
      try {
        await this.keys.insertOne({ _id: subjectId, wrapped: new Binary(wrapped), createdAt: new Date().toISOString() });
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === 11000)) throw error; // created concurrently: use that one
      }
    }
    this.cache.forget(subjectId);
    const stored = await this.findKey(subjectId);
    if (!stored) throw new KeyDestroyed(subjectId);
    return stored;
  }

  async findKey(subjectId: string): Promise<Buffer | null> {
    const cached = this.cache.get(subjectId);
    if (cached !== undefined) return cached;
    const doc = await this.keys.findOne({ _id: subjectId });
    const key = doc?.wrapped ? await this.wrapper.unwrap(Buffer.from(doc.wrapped.buffer), subjectId) : null;
    if (doc) this.cache.set(subjectId, key);
    return key;
  }

  async destroy(subjectId: string): Promise<void> {
    const now = new Date().toISOString();
    await this.keys.updateOne({ _id: subjectId }, { $unset: { wrapped: '' }, $set: { destroyedAt: now }, $setOnInsert: { createdAt: now } }, { upsert: true });
    this.cache.forget(subjectId);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
