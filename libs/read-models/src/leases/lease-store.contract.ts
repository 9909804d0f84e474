import { LeaseStore } from './lease-store.port';

/** One contract for every LeaseStore adapter: exclusive, renewable, expiring leases and forward-only checkpoints. */
export function leaseStoreContract(name: string, open: () => Promise<{ store: LeaseStore; dispose: () => Promise<void> }>): void {
  describe(`LeaseStore contract: ${name}`, () => {
    let store: LeaseStore;
    let dispose: () => Promise<void>;
    beforeEach(async () => ({ store, dispose } = await open()));
    afterEach(async () => dispose());

    it('gives a free lease to one owner only, and renews it for that owner', async () => {
      expect(await store.acquire('views', 'worker-a', 10_000, 1_000)).toBe(true);
      expect(await store.acquire('views', 'worker-b', 10_000, 2_000)).toBe(false);
      expect(await store.acquire('views', 'worker-a', 10_000, 5_000)).toBe(true);
      expect(await store.holder('views')).toEqual({ name: 'views', owner: 'worker-a', expiresAt: 15_000 });
      // Still held at 12 000 thanks to the renewal at 5 000 (it would have expired at 11 000).
      expect(await store.acquire('views', 'worker-b', 10_000, 12_000)).toBe(false);
    });

    it('lets another owner take an expired lease, and the old owner not take it back while it is held', async () => {
      expect(await store.acquire('relay', 'worker-a', 1_000, 1_000)).toBe(true);
      expect(await store.acquire('relay', 'worker-b', 1_000, 2_000)).toBe(true);
      expect(await store.acquire('relay', 'worker-a', 1_000, 2_500)).toBe(false);
      expect((await store.holder('relay'))?.owner).toBe('worker-b');
    });

    it('frees a released lease at once, but only for its owner', async () => {
      expect(await store.acquire('scheduler', 'worker-a', 60_000, 1_000)).toBe(true);
      await store.release('scheduler', 'worker-b');
      expect((await store.holder('scheduler'))?.owner).toBe('worker-a');
      await store.release('scheduler', 'worker-a');
      expect(await store.holder('scheduler')).toBeNull();
      expect(await store.acquire('scheduler', 'worker-b', 60_000, 1_001)).toBe(true);
    });

    it('hands a lease over from a named dead holder before it expires, and only from that holder', async () => {
      expect(await store.acquire('views', 'dead-worker', 60_000, 1_000)).toBe(true);
      expect(await store.takeOver('views', 'someone-else', 'worker-b', 60_000, 2_000)).toBe(false);
      expect(await store.takeOver('views', 'dead-worker', 'worker-b', 60_000, 2_000)).toBe(true);
      expect(await store.holder('views')).toEqual({ name: 'views', owner: 'worker-b', expiresAt: 62_000 });
    });

    it('keeps leases apart by name', async () => {
      expect(await store.acquire('views', 'worker-a', 10_000, 1_000)).toBe(true);
      expect(await store.acquire('relay', 'worker-b', 10_000, 1_000)).toBe(true);
    });

    it('lists the leases under a name prefix, expired ones too', async () => {
      expect(await store.acquire('worker:b', 'b', 1_000, 1_000)).toBe(true);
      expect(await store.acquire('worker:a', 'a', 10_000, 1_000)).toBe(true);
      expect(await store.acquire('projection:x', 'a', 10_000, 1_000)).toBe(true);
      expect(await store.list('worker:')).toEqual([
        { name: 'worker:a', owner: 'a', expiresAt: 11_000 },
        { name: 'worker:b', owner: 'b', expiresAt: 2_000 },
      ]);
      expect(await store.list('nothing:')).toEqual([]);
    });

    it('moves checkpoints forward only', async () => {
      expect(await store.checkpoint('kafka-relay')).toBe(0);
      await store.saveCheckpoint('kafka-relay', 42);
      await store.saveCheckpoint('kafka-relay', 7);
      expect(await store.checkpoint('kafka-relay')).toBe(42);
    });
  });
}
