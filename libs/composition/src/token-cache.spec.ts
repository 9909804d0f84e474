import { Principal } from '@civic-ledger/application';
import { cachingVerifier, KeySource, TokenCache, VerifiedToken } from './token-cache';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const principal = (sub: string): Principal => ({ sub, role: 'caseworker', departments: ['housing'] });
const verified = (sub: string, expInSeconds: number): VerifiedToken => ({ principal: principal(sub), exp: T0 / 1000 + expInSeconds });

describe('TokenCache', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => { now = T0; });

  it('answers a verified token until its exp, and not from then on', () => {
    const cache = new TokenCache(10, clock);
    cache.set('token-a', verified('a', 60));
    now = T0 + 59_999;
    expect(cache.get('token-a')).toEqual(principal('a'));
    now = T0 + 60_000;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps no token that has already expired, and nothing when its size is 0', () => {
    const cache = new TokenCache(10, clock);
    cache.set('old', verified('old', 0));
    expect(cache.get('old')).toBeUndefined();
    const off = new TokenCache(0, clock);
    off.set('token-a', verified('a', 60));
    expect(off.get('token-a')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the least recently used', () => {
    const cache = new TokenCache(2, clock);
    cache.set('a', verified('a', 60));
    cache.set('b', verified('b', 60));
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used
    cache.set('c', verified('c', 60));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.sub).toBe('a');
    expect(cache.get('c')?.sub).toBe('c');
  });

  it('gives back a frozen principal, so no request can change what the next one sees', () => {
    const cache = new TokenCache(10, clock);
    cache.set('a', verified('a', 60));
    const hit = cache.get('a') as Principal;
    expect(Object.isFrozen(hit)).toBe(true);
    expect(Object.isFrozen(hit.departments)).toBe(true);
  });
});

describe('cachingVerifier', () => {
  let now: number;
  let calls: string[];
  let keys: { generation: string; fresh: boolean };
  const source: KeySource = { generation: () => keys.generation, fresh: () => keys.fresh };
  /** The inner verifier: accepts tokens named "valid-…" (expiring after an hour), refuses the rest. */
  const inner = async (token: string): Promise<VerifiedToken> => {
    calls.push(token);
    if (!token.startsWith('valid-')) throw new Error('refused');
    return verified(token, 3600);
  };
  const make = (entries = 100) => cachingVerifier(inner, new TokenCache(entries, () => now), source);

  beforeEach(() => {
    now = T0;
    calls = [];
    keys = { generation: 'k1', fresh: true };
  });

  it('verifies a token once, then answers from the cache until it expires', async () => {
    const verify = make();
    await verify('valid-a');
    await verify('valid-a');
    expect(calls).toEqual(['valid-a']);
    now = T0 + 3600_000;
    await verify('valid-a');
    expect(calls).toEqual(['valid-a', 'valid-a']);
  });

  it('never caches a refusal', async () => {
    const verify = make();
    await expect(verify('forged')).rejects.toThrow('refused');
    await expect(verify('forged')).rejects.toThrow('refused');
    expect(calls).toEqual(['forged', 'forged']);
  });

  it('drops every cached token when the keys rotate', async () => {
    const verify = make();
    await verify('valid-a');
    await verify('valid-b');
    keys.generation = 'k2'; // seen by the next verification
    await verify('valid-c');
    await verify('valid-a');
    expect(calls).toEqual(['valid-a', 'valid-b', 'valid-c', 'valid-a']);
  });

  it('verifies again against reloaded keys once the keys are no longer fresh', async () => {
    const verify = make();
    await verify('valid-a');
    keys.fresh = false;
    await verify('valid-a');
    keys.fresh = true;
    await verify('valid-a');
    expect(calls).toEqual(['valid-a', 'valid-a']);
  });
});
