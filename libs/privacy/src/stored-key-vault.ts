import { randomBytes } from 'node:crypto';
import { KeyCache } from './key-cache';
import { KeyDestroyed, KeyVault, KeyWrapper } from './key-vault.port';

/** What a vault's storage holds for a subject. */
export interface StoredKey {
  readonly wrapped: Buffer | null;
  readonly destroyed: boolean;
}

/**
 * The key-vault logic over any storage: create once (the first writer wins when two race), unwrap
 * through the KeyWrapper, cache unwrapped keys briefly, never recreate a destroyed key. Adapters only
 * read, insert and destroy rows.
 */
export abstract class StoredKeyVault implements KeyVault {
  private readonly cache = new KeyCache();

  constructor(private readonly wrapper: KeyWrapper) {}

  protected abstract read(subjectId: string): Promise<StoredKey | null>;
  /** Inserts unless a row exists (a concurrent creator's key, or a destroyed one, wins). */
  protected abstract insertIfAbsent(subjectId: string, wrapped: Buffer, at: string): Promise<void>;
  protected abstract markDestroyed(subjectId: string, at: string): Promise<void>;
  abstract close(): Promise<void>;

  async dataKey(subjectId: string): Promise<Buffer> {
    const found = await this.findKey(subjectId);
    if (found) return found;
    const row = await this.read(subjectId);
    if (row?.destroyed) throw new KeyDestroyed(subjectId);
    if (!row) await this.insertIfAbsent(subjectId, await this.wrapper.wrap(randomBytes(32), subjectId), new Date().toISOString());
    this.cache.forget(subjectId);
    const stored = await this.findKey(subjectId);
    if (!stored) throw new KeyDestroyed(subjectId);
    return stored;
  }

  async findKey(subjectId: string): Promise<Buffer | null> {
    const cached = this.cache.get(subjectId);
    if (cached !== undefined) return cached;
    const row = await this.read(subjectId);
    const key = row?.wrapped && !row.destroyed ? await this.wrapper.unwrap(row.wrapped, subjectId) : null;
    if (row) this.cache.set(subjectId, key);
    return key;
  }

  async destroy(subjectId: string): Promise<void> {
    await this.markDestroyed(subjectId, new Date().toISOString());
    this.cache.forget(subjectId);
  }
}
