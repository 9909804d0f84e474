import { randomBytes } from 'node:crypto';
import { KeyCache } from './key-cache';
import { KeyDestroyed, KeyVault, KeyWrapper, MasterKeyMismatch } from './key-vault.port';

/** What a vault's storage holds for a subject. */
export interface StoredKey {
  readonly wrapped: Buffer | null;
  readonly destroyed: boolean;
}

export interface RotationReport {
  /** Keys now wrapped by the current master key that were wrapped by a previous one. */
  readonly rewrapped: number;
  readonly alreadyCurrent: number;
  readonly destroyed: number;
}

/**
 * The key-vault logic over any storage: create once (the first writer wins when two race), unwrap
 * through the KeyWrapper, cache unwrapped keys briefly, never recreate a destroyed key. Adapters only
 * read, insert and destroy rows.
 */
export abstract class StoredKeyVault implements KeyVault {
  private readonly cache = new KeyCache();

  /**
   * `previous`: master keys being rotated out. Keys wrapped by them still open (AES-GCM tells which
   * master key fits) until `rotate()` rewraps them under the current one.
   */
  constructor(private readonly wrapper: KeyWrapper, private readonly previous: readonly KeyWrapper[] = []) {}

  protected abstract read(subjectId: string): Promise<StoredKey | null>;
  /** Every stored row, for rotation. */
  protected abstract all(): AsyncIterable<{ readonly subjectId: string } & StoredKey>;
  protected abstract replaceWrapped(subjectId: string, wrapped: Buffer): Promise<void>;
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
    const key = row?.wrapped && !row.destroyed ? (await this.unwrapAny(row.wrapped, subjectId)).key : null;
    if (row) this.cache.set(subjectId, key);
    return key;
  }

  async isLive(subjectId: string): Promise<boolean> {
    const row = await this.read(subjectId);
    const live = !!row?.wrapped && !row.destroyed;
    if (!live) this.cache.forget(subjectId);
    return live;
  }

  /** Rewraps every live key under the current master key; safe to run again after a crash. */
  async rotate(onProgress?: (done: number) => void): Promise<RotationReport> {
    let rewrapped = 0;
    let alreadyCurrent = 0;
    let destroyed = 0;
    for await (const row of this.all()) {
      if (!row.wrapped || row.destroyed) destroyed += 1;
      else {
        const { key, current } = await this.unwrapAny(row.wrapped, row.subjectId);
        if (current) alreadyCurrent += 1;
        else {
          await this.replaceWrapped(row.subjectId, await this.wrapper.wrap(key, row.subjectId));
          rewrapped += 1;
        }
        key.fill(0);
      }
      onProgress?.(rewrapped + alreadyCurrent + destroyed);
    }
    return { rewrapped, alreadyCurrent, destroyed };
  }

  private async unwrapAny(wrapped: Buffer, subjectId: string): Promise<{ key: Buffer; current: boolean }> {
    try {
      return { key: await this.wrapper.unwrap(wrapped, subjectId), current: true };
    } catch {
      for (const previous of this.previous) {
        try {
          return { key: await previous.unwrap(wrapped, subjectId), current: false };
        } catch {
          // not this one either
        }
      }
      throw new MasterKeyMismatch();
    }
  }

  async destroy(subjectId: string): Promise<void> {
    await this.markDestroyed(subjectId, new Date().toISOString());
    this.cache.forget(subjectId);
  }
}
