import { CheckpointedConsumer, ConsumerOptions, ConsumerStatus, EventStore, RecordedEvent } from '@civic-ledger/event-store';
import { Projection } from './projection';
import { ProjectionRun } from './projection-run';
import { QUARANTINE_COLLECTION, QUARANTINE_INDEXES, QuarantineEntry } from './quarantine';
import { ReadStore } from './read-store.port';

export interface ProjectorOptions {
  /**
   * The one checkpoint every projection shared before each had its own (`views.v1`): read to upgrade a set
   * that has only it (every projection then starts from it), never written.
   */
  readonly legacyCheckpoint?: string;
  readonly projections: readonly Projection[];
  /** Most events per read-store commit. */
  readonly batchSize?: number;
  readonly onError?: ConsumerOptions['onError'];
  readonly onBatch?: (info: { events: number; position: number }) => void;
  /** A projection could not apply an event: its share is quarantined (committed with the batch) and projection goes on. */
  readonly onQuarantine?: (entry: QuarantineEntry) => void;
  /**
   * Runs before a batch holding an erasure is committed, with the batch's last position: the live
   * projector brings every other read-model set the system keeps up to it (see docs/privacy.md), so
   * that no kept set holds the erased party in clear. When it fails, the batch is retried.
   */
  readonly beforeErasureCommit?: (position: number) => Promise<void>;
}

export type ProjectorStatus = ConsumerStatus;

/**
 * Each projection's stored checkpoint. A set written before projections had their own checkpoints (only
 * the legacy group checkpoint exists) counts as every projection being at the group's position.
 */
export async function storedCheckpoints(store: ReadStore, projections: readonly Projection[], legacyCheckpoint?: string): Promise<Map<string, number>> {
  const own = await Promise.all(projections.map((p) => store.checkpoint(p.name)));
  const group = legacyCheckpoint && own.every((position) => position === 0) ? await store.checkpoint(legacyCheckpoint) : 0;
  return new Map(projections.map((p, i) => [p.name, group || own[i]]));
}

/** How far a read-model set has come: the lowest checkpoint of its projections. */
export async function storedPosition(store: ReadStore, projections: readonly Projection[], legacyCheckpoint?: string): Promise<number> {
  return Math.min(...(await storedCheckpoints(store, projections, legacyCheckpoint)).values());
}

/**
 * Checkpointed subscription on $all over the projections it is given (all, or the share `select` names:
 * a worker runs the projections it holds the lease of). Documents and each projection's checkpoint are
 * committed together, so a crash at any point neither loses nor double-applies an event. A projection
 * never stalls on one event: what it cannot apply is quarantined (see ProjectionRun).
 */
export class Projector extends CheckpointedConsumer {
  private current: ProjectionRun;
  private selected: readonly Projection[];
  /** Each selected projection's own checkpoint: it applies only events after it (a new or reset projection catches up alone). */
  private readonly positions = new Map<string, number>();

  constructor(events: EventStore, private readonly store: ReadStore, private readonly options: ProjectorOptions) {
    super(events, { batchSize: options.batchSize ?? 1000, onError: options.onError });
    this.selected = options.projections;
    this.current = new ProjectionRun(store, this.selected);
  }

  /** Every projection this projector knows (it runs the selected ones). */
  get projectionNames(): string[] {
    return this.options.projections.map((p) => p.name);
  }

  /** The projections it runs (all unless `select` named fewer). */
  get selectedNames(): string[] {
    return this.selected.map((p) => p.name);
  }

  /** True when it runs every projection it knows. */
  get runsAll(): boolean {
    return this.selected.length === this.options.projections.length;
  }

  /** Runs only the named projections from the next `init` (call while stopped). */
  select(names: ReadonlySet<string>): void {
    this.selected = this.options.projections.filter((p) => names.has(p.name));
  }

  async init(): Promise<void> {
    for (const projection of this.options.projections) {
      for (const c of projection.collections) await this.store.ensureCollection(c.name, c.indexes);
    }
    await this.store.ensureCollection(QUARANTINE_COLLECTION, QUARANTINE_INDEXES);
    await this.upgradeLegacyCheckpoint();
    await this.load();
  }

  /**
   * A set with only the legacy group checkpoint gets one checkpoint per projection at the group's position,
   * once, for all projections together (so that a projection added later still starts from 0).
   */
  private async upgradeLegacyCheckpoint(): Promise<void> {
    if (!this.options.legacyCheckpoint || this.options.projections.length === 0) return;
    const own = await Promise.all(this.options.projections.map((p) => this.store.checkpoint(p.name)));
    if (own.some((position) => position > 0)) return;
    const group = await this.store.checkpoint(this.options.legacyCheckpoint);
    if (group > 0) await this.store.commit([], this.options.projections.map((p) => ({ name: p.name, position: group })));
  }

  /** The subscription starts from the lowest checkpoint of the selected projections. */
  protected async loadCheckpoint(): Promise<number> {
    this.positions.clear();
    const stored = await storedCheckpoints(this.store, this.selected);
    for (const [name, position] of stored) this.positions.set(name, position);
    return this.positions.size ? Math.min(...this.positions.values()) : 0;
  }

  /** Where each selected projection stands (its own checkpoint as last loaded or committed). */
  get projectionCheckpoints(): ReadonlyMap<string, number> {
    return this.positions;
  }

  protected beginBatch(): void {
    this.current = new ProjectionRun(this.store, this.selected, this.options.onQuarantine, (p, e) => e.position > (this.positions.get(p.name) ?? 0));
  }

  protected handle(event: RecordedEvent): Promise<void> {
    return this.current.add(event);
  }

  protected async commitBatch(position: number, events: number): Promise<void> {
    if (this.current.erasureInBatch) await this.options.beforeErasureCommit?.(position);
    const moved = this.selected.filter((p) => (this.positions.get(p.name) ?? 0) < position).map((p) => ({ name: p.name, position }));
    await this.store.commit(this.current.batch.changes(), moved);
    for (const c of moved) this.positions.set(c.name, c.position);
    // The redacted documents replaced plaintext: leave none of it in the store's files.
    if (this.current.erasureInBatch) await this.store.purge();
    this.options.onBatch?.({ events, position });
  }
}
