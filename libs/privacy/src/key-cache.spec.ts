import { randomBytes } from 'node:crypto';
import { KeyCache } from './key-cache';

describe('KeyCache (unwrapped data keys in memory)', () => {
  it('zeroes and drops a key on forget (erasure): the buffer handed out before reads as zeros', () => {
    const cache = new KeyCache();
    const key = randomBytes(32);
    cache.set('party-a', key);
    expect(cache.get('party-a')).toBe(key);
    cache.forget('party-a');
    expect(cache.get('party-a')).toBeUndefined();
    expect(key.equals(Buffer.alloc(32))).toBe(true);
  });

  it('is bounded: the oldest entry goes once it is full', () => {
    const cache = new KeyCache(60_000, 2);
    cache.set('a', randomBytes(32));
    cache.set('b', randomBytes(32));
    cache.set('c', randomBytes(32));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('forgets an entry once its time is up (another process may have destroyed the key)', () => {
    const cache = new KeyCache(-1);
    cache.set('a', randomBytes(32));
    expect(cache.get('a')).toBeUndefined();
  });
});
