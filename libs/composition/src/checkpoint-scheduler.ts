import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import { EventStore, StreamNotFound } from '@civic-ledger/event-store';
import { CHECKPOINT_STREAM, CheckpointSigner, createCheckpoint } from '@civic-ledger/audit';
import { AUDIT_SIGNER, STORED_EVENTS } from '@civic-ledger/application';

/** Signs a checkpoint every CHECKPOINT_INTERVAL_SECONDS when the ledger grew; run by the holder of the `checkpoints` lease. */
@Injectable()
export class CheckpointScheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('Checkpoints');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORED_EVENTS) private readonly events: EventStore,
    @Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner,
  ) {}

  start(): void {
    if (this.timer || this.config.checkpointIntervalSeconds === 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.checkpointIntervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    try {
      // Nothing recorded since the last checkpoint event: no new checkpoint (positions need not be dense).
      const [last] = await this.events.readStream(CHECKPOINT_STREAM, { direction: 'backwards', limit: 1 }).catch((error: unknown) => {
        if (error instanceof StreamNotFound) return [];
        throw error;
      });
      if (last && last.position >= (await this.events.headPosition())) return;
      const checkpoint = await createCheckpoint(this.events, this.signer, new Date());
      this.logger.log({ treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash }, 'checkpoint signed');
    } catch (error) {
      this.logger.error({ errorName: error instanceof Error ? error.name : 'Error' }, 'checkpoint failed; next attempt at the next interval');
    }
  }
}
