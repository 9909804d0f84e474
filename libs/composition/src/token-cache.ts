import { hash } from 'node:crypto';
import { Principal } from '@civic-ledger/application';

/** A token that passed every check, with its expiry (`exp`, seconds since the epoch). */
export interface VerifiedToken {
  readonly principal: Principal;
  readonly exp: number;
}

/** Where verification keys come from, as far as a cache of verified tokens must know. */
export interface KeySource {
  /** Changes whenever the set of keys tokens are checked against changes (a rotation, a reload). */
  generation(): string;
  /** False once the keys should be fetched again: then nothing verified with the old ones is trusted. */
  fresh(): boolean;
}

/** Keys that never change while the process runs (the embedded issuer's key file, read at start). */
export const FIXED_KEYS: KeySource = { generation: () => 'fixed', fresh: () => true };

interface Entry {
  readonly principal: Principal;
  readonly expiresAtMs: number;
}

/**
 * Verified bearer tokens, least recently used out first, each until its `exp`. Keyed by the SHA-256
 * of the token, so the cache holds no credential; what it gives back is the principal, frozen.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly maxEntries: number, private readonly clock: () => number = Date.now) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): Principal | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.clock() >= entry.expiresAtMs) return undefined;
    this.entries.set(key, entry);
    return entry.principal;
  }

  set(token: string, verified: VerifiedToken): void {
    const expiresAtMs = verified.exp * 1000;
    if (this.maxEntries <= 0 || this.clock() >= expiresAtMs) return;
    const key = keyOf(token);
    this.entries.delete(key);
    this.entries.set(key, { principal: freeze(verified.principal), expiresAtMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** One-shot SHA-256: no Hash object per request. */
function keyOf(token: string): string {
  return hash('sha256', token, 'base64');
}

function freeze(principal: Principal): Principal {
  return Object.freeze({ ...principal, departments: Object.freeze([...principal.departments]) });
}

/**
 * Verifies a token once, then answers from the cache until it expires. Everything cached is dropped
 * when the keys change (after a verification sees a new generation) or are no longer fresh (then the
 * next token is verified against keys fetched again), so a token signed with a withdrawn key is refused.
 */
export function cachingVerifier(verify: (token: string) => Promise<VerifiedToken>, cache: TokenCache, keys: KeySource): (token: string) => Promise<Principal> {
  let generation = keys.generation();
  return async (token) => {
    if (keys.fresh()) {
      const hit = cache.get(token);
      if (hit) return hit;
    } else {
      cache.clear();
    }
    const verified = await verify(token);
    const now = keys.generation();
    if (now !== generation) {
      cache.clear();
      generation = now;
    }
    cache.set(token, verified);
    return verified.principal;
  };
}
