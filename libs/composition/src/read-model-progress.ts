import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_PROJECTIONS, Projector, READ_STORE, ReadStore, storedPosition, VIEWS_CHECKPOINT } from '@civic-ledger/read-models';

export const LEDGER_OPTIONS = Symbol('LEDGER_OPTIONS');
const POLL_MS = 20;

export interface ProgressSnapshot {
  /** 'remote': other processes project (all or some of the projections); this one reads their stored checkpoints. */
  readonly status: Projector['status'] | 'remote';
  readonly checkpoint: number;
}

/**
 * How far the read models have come, for read-your-writes (X-Min-Position) and readiness: the lowest of
 * the projections' checkpoints. From the in-process projector when it runs every projection (it holds
 * every projection's lease), otherwise from the checkpoints the projections' owners store with the documents.
 */
@Injectable()
export class ReadModelProgress {
  constructor(
    private readonly projector: Projector,
    @Inject(READ_STORE) private readonly views: ReadStore,
    @Inject(LEDGER_OPTIONS) private readonly options: { readonly runProjector: boolean },
  ) {}

  private get local(): boolean {
    return this.options.runProjector && this.projector.status !== 'stopped' && this.projector.runsAll;
  }

  private stored(): Promise<number> {
    return storedPosition(this.views, LEDGER_PROJECTIONS, VIEWS_CHECKPOINT);
  }

  async snapshot(): Promise<ProgressSnapshot> {
    if (this.local) return { status: this.projector.status, checkpoint: this.projector.checkpoint };
    // The projections run here are failing: this process is not ready, whoever runs the others.
    const status = this.options.runProjector && this.projector.status === 'failing' ? 'failing' : 'remote';
    return { status, checkpoint: await this.stored() };
  }

  /** Resolves true once the read models include `position`, false after `timeoutMs`. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    // The share of this process may change while it waits: the stored checkpoints decide then.
    if (this.local && (await this.projector.waitFor(position, timeoutMs)) && this.local) return true;
    for (;;) {
      if ((await this.stored()) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
