import { Inject, Injectable } from '@nestjs/common';
import { Projector, READ_STORE, ReadStore, VIEWS_CHECKPOINT } from '@civic-ledger/read-models';

export const LEDGER_OPTIONS = Symbol('LEDGER_OPTIONS');
const POLL_MS = 20;

export interface ProgressSnapshot {
  /** 'remote': a worker process projects; this process reads the checkpoint it stores. */
  readonly status: Projector['status'] | 'remote';
  readonly checkpoint: number;
}

/**
 * How far the read models have come, for read-your-writes (X-Min-Position) and readiness: from the
 * in-process projector, or, in an API-only process, from the checkpoint the worker stores with the documents.
 */
@Injectable()
export class ReadModelProgress {
  constructor(
    private readonly projector: Projector,
    @Inject(READ_STORE) private readonly views: ReadStore,
    @Inject(LEDGER_OPTIONS) private readonly options: { readonly runProjector: boolean },
  ) {}

  /** The projections run in this process (it holds their lease); otherwise another process's stored checkpoint tells. */
  private get local(): boolean {
    return this.options.runProjector && this.projector.status !== 'stopped';
  }

  async snapshot(): Promise<ProgressSnapshot> {
    if (this.local) return { status: this.projector.status, checkpoint: this.projector.checkpoint };
    return { status: 'remote', checkpoint: await this.views.checkpoint(VIEWS_CHECKPOINT) };
  }

  /** Resolves true once the read models include `position`, false after `timeoutMs`. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.local) return this.projector.waitFor(position, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.views.checkpoint(VIEWS_CHECKPOINT)) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
