import { Binary, Collection, MongoClient, MongoServerError } from 'mongodb';
import { mongoDatabaseName } from '@civic-ledger/config';
import { KeyWrapper } from '../key-vault.port';
import { StoredKey, StoredKeyVault } from '../stored-key-vault';

interface KeyDoc {
  _id: string;
  wrapped?: Binary;
  createdAt: string;
  destroyedAt?: string;
}

/** Key vault in MongoDB (collection `data_keys` in the database every Mongo component uses, see mongoDatabaseName); destroy unsets the wrapped key. */
export class MongoKeyVault extends StoredKeyVault {
  private constructor(private readonly client: MongoClient, private readonly keys: Collection<KeyDoc>, wrapper: KeyWrapper, previous: readonly KeyWrapper[]) {
    super(wrapper, previous);
  }

  static connect(url: string, wrapper: KeyWrapper, previous: readonly KeyWrapper[] = []): MongoKeyVault {
    const client = new MongoClient(url);
    return new MongoKeyVault(client, client.db(mongoDatabaseName(url)).collection<KeyDoc>('data_keys'), wrapper, previous);
  }

  protected async *all(): AsyncIterable<{ subjectId: string } & StoredKey> {
    for await (const doc of this.keys.find({}).sort({ _id: 1 })) {
      yield { subjectId: doc._id, wrapped: doc.wrapped ? Buffer.from(doc.wrapped.buffer) : null, destroyed: doc.destroyedAt !== undefined };
    }
  }

  protected async replaceWrapped(subjectId: string, wrapped: Buffer): Promise<void> {
    await this.keys.updateOne({ _id: subjectId, destroyedAt: { $exists: false } }, { $set: { wrapped: new Binary(wrapped) } });
  }

  protected async read(subjectId: string): Promise<StoredKey | null> {
    const doc = await this.keys.findOne({ _id: subjectId });
    return doc ? { wrapped: doc.wrapped ? Buffer.from(doc.wrapped.buffer) : null, destroyed: doc.destroyedAt !== undefined } : null;
  }

  protected async insertIfAbsent(subjectId: string, wrapped: Buffer, at: string): Promise<void> {
    try {
      await this.keys.insertOne({ _id: subjectId, wrapped: new Binary(wrapped), createdAt: at });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error; // created concurrently: that one wins
    }
  }

  protected async markDestroyed(subjectId: string, at: string): Promise<void> {
    await this.keys.updateOne({ _id: subjectId }, { $unset: { wrapped: '' }, $set: { destroyedAt: at }, $setOnInsert: { createdAt: at } }, { upsert: true });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
