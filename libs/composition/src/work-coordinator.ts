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

/** How often every process checks whether a rebuild switched the live read-model set. */
const SWITCH_CHECK_MS = 2000;

export const LEASE_STORE = Symbol('LEASE_STORE');
export const RELAY = Symbol('RELAY');

/** A piece of work exactly one process runs at a time. */
interface Work {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the worker's share of the work: the projections, the Kafka relay and checkpoint signing, each
 * under a lease in the shared lease store. Several workers (and `serve` processes) may run; each piece
 * of work has exactly one owner at a time. The owner renews its lease every third of LEASE_SECONDS; when
 * it dies, another process takes the lease over once it expires, and a restarted process does not take
 * a lease back from a healthy owner. Consumers resume from their stored checkpoints (at-least-once).
 */
@Injectable()
export class WorkCoordinator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly works: Work[];
  private readonly held = new Set<string>();
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
    this.works = [
      { name: 'projections', start: async () => { await projector.init(); projector.start(); }, stop: () => projector.stop() },
      ...(relay ? [{ name: 'kafka-relay', start: async () => { await relay.init(); relay.start(); }, stop: () => relay.stop() }] : []),
      ...(config.checkpointIntervalSeconds > 0 ? [{ name: 'checkpoints', start: async () => scheduler.start(), stop: async () => scheduler.stop() }] : []),
    ];
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
      if (this.held.has('projections')) {
        await this.projector.stop();
        await this.projector.init();
        this.projector.start();
      }
    } catch (error) {
      this.logger.error({ errorName: error instanceof Error ? error.name : 'Error' }, 'could not move to the switched read-model set; retrying');
    }
  }

  private async tick(): Promise<void> {
    if (this.stopping) return;
    for (const work of this.works) {
      try {
        const ours = await this.leases.acquire(work.name, this.owner, this.config.leaseSeconds * 1000) || await this.takeOverFromDead(work.name);
        if (ours && !this.held.has(work.name)) {
          this.held.add(work.name);
          await work.start();
          this.logger.log({ work: work.name, owner: this.owner }, `lease acquired: ${work.name}`);
        } else if (!ours && this.held.has(work.name)) {
          this.held.delete(work.name);
          await work.stop();
          this.logger.warn({ work: work.name, owner: this.owner }, `lease lost: ${work.name}; stopped it`);
        } else if (!ours) {
          this.logger.debug({ work: work.name, holder: (await this.leases.holder(work.name))?.owner }, `lease held elsewhere: ${work.name}`);
        }
      } catch (error) {
        this.logger.error({ work: work.name, errorName: error instanceof Error ? error.name : 'Error' }, 'lease renewal failed; retrying at the next renewal');
      }
    }
  }

  /**
   * A holder on this host whose process is gone (a restart after a crash on one node) need not be waited
   * out: its lease is taken over at once. Holders elsewhere are waited for until their lease expires.
   */
  private async takeOverFromDead(name: string): Promise<boolean> {
    const holder = await this.leases.holder(name);
    const [host, pid] = holder?.owner.split(':') ?? [];
    if (!holder || host !== hostname() || !/^\d+$/.test(pid ?? '') || Number(pid) === process.pid || isAlive(Number(pid))) return false;
    return this.leases.takeOver(name, holder.owner, this.owner, this.config.leaseSeconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.swapTimer) clearInterval(this.swapTimer);
    await this.ticking;
    for (const work of this.works) {
      if (!this.held.has(work.name)) continue;
      await work.stop();
      await this.leases.release(work.name, this.owner).catch(() => undefined);
    }
    this.held.clear();
    await this.projector.stop();
    await this.leases.close();
    await this.events.close();
    await this.views.close();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
