import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { LeaseStore, Projector, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { Relay } from '@civic-ledger/messaging';
import { CheckpointScheduler } from './checkpoint-scheduler';
import { LEDGER_OPTIONS } from './read-model-progress';
import { LiveReadStore } from './live-read-store';
import { fairShare, liveWorkers, PRESENCE_PREFIX, PROJECTION_LEASE_PREFIX, surplus } from './work-share';

/** How often every process checks whether a rebuild switched the live read-model set. */
const SWITCH_CHECK_MS = 2000;

export const LEASE_STORE = Symbol('LEASE_STORE');
export const RELAY = Symbol('RELAY');

/** A piece of work besides the projections (the relay, checkpoint signing), started and stopped on its own. */
interface Service {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the worker's share of the work under leases in the shared lease store: one lease per projection
 * (`projection:<name>`), `kafka-relay` and `checkpoints`. Each piece has exactly one owner at a time; one
 * projector loop here runs the projections this process holds, and restarts on the new share when it gains
 * or loses one. Every third of LEASE_SECONDS a worker renews its presence (`worker:<owner>`) and its
 * leases, gives up what exceeds its fair share of the live workers (see work-share.ts), and claims free or
 * expired leases up to that share. When a worker dies another takes its leases once they expire (at once
 * when the holder was a process of this host that is gone); nobody takes a lease from a live holder.
 * Consumers resume from their stored checkpoints (at-least-once).
 */
@Injectable()
export class WorkCoordinator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly presence = `${PRESENCE_PREFIX}${this.owner}`;
  private readonly services = new Map<string, Service>();
  /** Every lease name, in work order (the projections in projector order, then the relay and the scheduler). */
  private readonly order: string[];
  private held = new Set<string>();
  /** The projections the projector runs now. */
  private running = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private swapTimer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LEDGER_OPTIONS) private readonly options: { readonly runProjector: boolean },
    @Inject(LEASE_STORE) private readonly leases: LeaseStore,
    private readonly projector: Projector,
    @Inject(RELAY) relay: Relay | null,
    scheduler: CheckpointScheduler,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly views: ReadStore,
  ) {
    if (relay) this.services.set('kafka-relay', { start: async () => { await relay.init(); relay.start(); }, stop: () => relay.stop() });
    if (config.checkpointIntervalSeconds > 0) this.services.set('checkpoints', { start: async () => scheduler.start(), stop: async () => scheduler.stop() });
    this.order = [...projector.projectionNames.map((name) => `${PROJECTION_LEASE_PREFIX}${name}`), ...this.services.keys()];
  }

  /** The leases this process holds now. */
  get leasesHeld(): string[] {
    return this.order.filter((name) => this.held.has(name));
  }

  async onApplicationBootstrap(): Promise<void> {
    // Collections and indexes exist for readers even in a process that projects nothing.
    await this.projector.init();
    // Every process follows a switch of the live read-model set (blue/green rebuild) without a restart.
    this.swapTimer = setInterval(() => { this.ticking = this.ticking.then(() => this.followSwitch()); }, SWITCH_CHECK_MS);
    this.swapTimer.unref();
    if (!this.options.runProjector) return;
    await this.tick();
    const every = (this.config.leaseSeconds * 1000) / 3;
    // Not unref'd: a worker that holds nothing yet must stay up to take over when a lease expires.
    this.timer = setInterval(() => { this.ticking = this.ticking.then(() => this.tick()); }, every);
  }

  /** Moves to the live set when a rebuild switched sets; projections held here restart on it from its checkpoints. */
  private async followSwitch(): Promise<void> {
    if (this.stopping || !(this.views instanceof LiveReadStore)) return;
    try {
      if (!(await this.views.refresh())) return;
      this.logger.log({ set: this.views.setName }, 'read-model set switched; now serving from it');
      if (this.running.size > 0) await this.runProjections(new Set(this.running), true);
      // A process that projects nothing (serve's API, --api-only) reads the new set: it must know its collections too.
      else await this.projector.init();
    } catch (error) {
      this.logger.error({ errorName: errorName(error) }, 'could not move to the switched read-model set; retrying');
    }
  }

  private async tick(): Promise<void> {
    if (this.stopping) return;
    const ttl = this.config.leaseSeconds * 1000;
    try {
      await this.leases.acquire(this.presence, this.owner, ttl);
      const workers = liveWorkers(await this.leases.list(PRESENCE_PREFIX), this.owner, Date.now(), isGoneFromThisHost);
      const share = fairShare(this.order.length, workers.length);
      const holding = new Set<string>();
      for (const name of this.leasesHeld) if (await this.renew(name, ttl)) holding.add(name);
      const handOver = surplus(this.order, holding, share);
      for (const name of handOver) holding.delete(name);
      for (const name of this.order) {
        if (holding.size >= share) break;
        if (!holding.has(name) && !handOver.includes(name) && (await this.claim(name, ttl))) holding.add(name);
      }
      await this.apply(holding, handOver, share, workers.length);
      await this.forgetDeadWorkers();
    } catch (error) {
      this.logger.error({ errorName: errorName(error) }, 'lease renewal failed; retrying at the next renewal');
    }
  }

  /** True while this process still holds the lease (a failing lease store keeps what it has until it answers). */
  private async renew(name: string, ttl: number): Promise<boolean> {
    try {
      return await this.leases.acquire(name, this.owner, ttl);
    } catch (error) {
      this.logger.error({ work: name, errorName: errorName(error) }, 'lease renewal failed; retrying at the next renewal');
      return true;
    }
  }

  private async claim(name: string, ttl: number): Promise<boolean> {
    try {
      if (await this.leases.acquire(name, this.owner, ttl)) return true;
      return await this.takeOverFromDead(name, ttl);
    } catch (error) {
      this.logger.error({ work: name, errorName: errorName(error) }, 'could not claim a lease; retrying at the next renewal');
      return false;
    }
  }

  /** Starts what was gained and stops what was lost; the surplus is stopped first, then its leases are released. */
  private async apply(holding: Set<string>, handOver: readonly string[], share: number, workers: number): Promise<void> {
    const gone = this.leasesHeld.filter((name) => !holding.has(name));
    for (const name of gone) await this.services.get(name)?.stop();
    const projections = new Set([...holding].filter((n) => n.startsWith(PROJECTION_LEASE_PREFIX)).map((n) => n.slice(PROJECTION_LEASE_PREFIX.length)));
    if (!sameSet(projections, this.running)) await this.runProjections(projections);
    for (const name of gone) {
      if (handOver.includes(name)) {
        await this.leases.release(name, this.owner);
        this.logger.log({ work: name, owner: this.owner, share, workers }, `lease handed over: ${name} (more than this worker's share)`);
      } else {
        this.logger.warn({ work: name, owner: this.owner }, `lease lost: ${name}; stopped it`);
      }
    }
    for (const name of this.order.filter((n) => holding.has(n) && !this.held.has(n))) {
      if (await this.startService(name)) this.logger.log({ work: name, owner: this.owner }, `lease acquired: ${name}`);
      else holding.delete(name);
    }
    this.held = holding;
  }

  private async startService(name: string): Promise<boolean> {
    try {
      await this.services.get(name)?.start();
      return true;
    } catch (error) {
      this.logger.error({ work: name, errorName: errorName(error) }, `could not start ${name}; releasing its lease`);
      await this.leases.release(name, this.owner).catch(() => undefined);
      return false;
    }
  }

  /** One projector loop over the projections held here: restarted (from their checkpoints) on the new share. */
  private async runProjections(names: Set<string>, force = false): Promise<void> {
    if (!force && sameSet(names, this.running)) return;
    await this.projector.stop();
    this.running = new Set();
    this.projector.select(names);
    if (names.size > 0) {
      await this.projector.init();
      this.projector.start();
    }
    this.running = names;
    this.logger.log({ projections: [...names], owner: this.owner }, `projecting ${names.size} of ${this.projector.projectionNames.length} projections`);
  }

  /**
   * A holder on this host whose process is gone (a restart after a crash on one node) need not be waited
   * out: its lease is taken over at once. Holders elsewhere are waited for until their lease expires.
   */
  private async takeOverFromDead(name: string, ttl: number): Promise<boolean> {
    const holder = await this.leases.holder(name);
    if (!holder || !isGoneFromThisHost(holder.owner)) return false;
    return this.leases.takeOver(name, holder.owner, this.owner, ttl);
  }

  /** Presence leases of workers that are gone are removed, so that the list stays short. */
  private async forgetDeadWorkers(): Promise<void> {
    const now = Date.now();
    for (const lease of await this.leases.list(PRESENCE_PREFIX)) {
      if (lease.owner !== this.owner && (lease.expiresAt <= now || isGoneFromThisHost(lease.owner))) await this.leases.release(lease.name, lease.owner);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.swapTimer) clearInterval(this.swapTimer);
    await this.ticking;
    for (const name of this.leasesHeld) await this.services.get(name)?.stop();
    await this.projector.stop();
    this.running.clear();
    for (const name of [...this.leasesHeld, this.presence]) await this.leases.release(name, this.owner).catch(() => undefined);
    this.held.clear();
    await this.leases.close();
    await this.events.close();
    await this.views.close();
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

/** An owner id (`host:pid:nonce`) of a process of this host that no longer exists. */
function isGoneFromThisHost(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '') || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}
