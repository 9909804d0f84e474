import { Lease } from '@civic-ledger/read-models';

/** Lease-name prefix of a worker's presence: every worker renews `worker:<owner>` to be counted as live. */
export const PRESENCE_PREFIX = 'worker:';
/** Lease-name prefix of a projection (`projection:<name>`, e.g. `projection:timeline.v4`). */
export const PROJECTION_LEASE_PREFIX = 'projection:';

/**
 * The most pieces of work one worker takes while `workers` workers are live: an even split, rounded up
 * (8 pieces, 2 workers → 4 each; 3 workers → 3, 3, 2). Every piece finds an owner, since the shares add up
 * to at least the number of pieces.
 */
export function fairShare(pieces: number, workers: number): number {
  return Math.ceil(pieces / Math.max(1, workers));
}

/**
 * What a worker gives up when it holds more than its share (another worker joined): the pieces it holds
 * last in work order, so that the choice is the same on every renewal. It stops them, then releases their
 * leases, and the other worker takes them at its next renewal; nobody takes a lease from a live holder.
 */
export function surplus(order: readonly string[], held: ReadonlySet<string>, share: number): string[] {
  return order.filter((name) => held.has(name)).slice(share).reverse();
}

/**
 * The live workers among the presence leases: not expired, and not a process of this host that no longer
 * exists (`isDead`). The worker itself always counts.
 */
export function liveWorkers(presence: readonly Lease[], self: string, now: number, isDead: (owner: string) => boolean): string[] {
  const live = presence.filter((lease) => lease.expiresAt > now && !isDead(lease.owner)).map((lease) => lease.owner);
  return [...new Set([...live, self])].sort();
}
