import { CheckpointedConsumer, ConsumerOptions, ConsumerStatus, EventStore, RecordedEvent } from '@civic-ledger/event-store';
import { Projection } from './projection';
import { ProjectionRun } from './projection-run';
import { QUARANTINE_COLLECTION, QUARANTINE_INDEXES, QuarantineEntry } from './quarantine';
import { ReadStore } from './read-store.port';

export interface ProjectorOptions {
  readonly checkpointName: string;
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
 * Checkpointed subscription on $all: projects events in batches; documents and checkpoint are
 * committed together, so a crash at any point neither loses nor double-applies an event. A
 * projection never stalls on one event: what it cannot apply is quarantined (see ProjectionRun).
 */
export class Projector extends CheckpointedConsumer {
  private current: ProjectionRun;
  /** Each projection's own checkpoint: it applies only events after it (a new or reset projection catches up alone). */
  private readonly positions = new Map<string, number>();

  constructor(events: EventStore, private readonly store: ReadStore, private readonly options: ProjectorOptions) {
    super(events, { batchSize: options.batchSize ?? 1000, onError: options.onError });
    this.current = new ProjectionRun(store, options.projections);
  }

  async init(): Promise<void> {
    for (const projection of this.options.projections) {
      for (const c of projection.collections) await this.store.ensureCollection(c.name, c.indexes);
    }
    await this.store.ensureCollection(QUARANTINE_COLLECTION, QUARANTINE_INDEXES);
    await this.load();
  }

  /**
   * The group checkpoint (`checkpointName`) is the position every projection has reached; the subscription
   * starts from the lowest projection checkpoint. A set written before projections had their own
   * checkpoints (only the group's exists) starts every projection from the group's: no forced rebuild.
   */
  protected async loadCheckpoint(): Promise<number> {
    const group = await this.store.checkpoint(this.options.checkpointName);
    const own = await Promise.all(this.options.projections.map((p) => this.store.checkpoint(p.name)));
    const legacy = group > 0 && own.every((position) => position === 0);
    this.options.projections.forEach((p, i) => this.positions.set(p.name, legacy ? group : own[i]));
    return Math.min(...this.positions.values());
  }

  /** Where each projection stands (its own checkpoint as last loaded or committed). */
  get projectionCheckpoints(): ReadonlyMap<string, number> {
    return this.positions;
  }

  protected beginBatch(): void {
    this.current = new ProjectionRun(this.store, this.options.projections, this.options.onQuarantine, (p, e) => e.position > (this.positions.get(p.name) ?? 0));
  }

  protected handle(event: RecordedEvent): Promise<void> {
    return this.current.add(event);
  }

  protected async commitBatch(position: number, events: number): Promise<void> {
    if (this.current.erasureInBatch) await this.options.beforeErasureCommit?.(position);
    const moved = this.options.projections.filter((p) => (this.positions.get(p.name) ?? 0) < position).map((p) => ({ name: p.name, position }));
    await this.store.commit(this.current.batch.changes(), [{ name: this.options.checkpointName, position }, ...moved]);
    for (const c of moved) this.positions.set(c.name, c.position);
    // The redacted documents replaced plaintext: leave none of it in the store's files.
    if (this.current.erasureInBatch) await this.store.purge();
    this.options.onBatch?.({ events, position });
  }
}
