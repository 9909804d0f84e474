import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import { AUDIT_SIGNER, STORED_EVENTS } from '@civic-ledger/application';
import { EVENT_STORE, EventStore, StreamNotFound } from '@civic-ledger/event-store';
import { LEDGER_PROJECTIONS, Projector, READ_STORE, ReadStore, VIEWS_CHECKPOINT } from '@civic-ledger/read-models';
import { KafkaEventPublisher, Relay } from '@civic-ledger/messaging';
import { EncryptingEventStore } from '@civic-ledger/privacy';
import { CHECKPOINT_STREAM, CheckpointSigner, createCheckpoint } from '@civic-ledger/audit';
import { loadSigner } from './audit-signer';
import { LEDGER_OPTIONS, ReadModelProgress } from './read-model-progress';
import { LEDGER_METRICS, LedgerMetrics } from './ledger-metrics';
import { KeptReadModelSets } from './kept-read-model-sets';
import { createEventStore, createReadStore, rawEvents } from './ledger-stores';

export interface LedgerOptions {
  /** Run the projector inside this process (the all-in-one); a separate worker does it otherwise. */
  readonly runProjector: boolean;
}

const PROJECTOR_OPTIONS = LEDGER_OPTIONS;
export { AUDIT_SIGNER, STORED_EVENTS };
export const RELAY = Symbol('RELAY');

@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly projector: Projector,
    @Inject(RELAY) private readonly relay: Relay | null,
    @Inject(PROJECTOR_OPTIONS) private readonly options: LedgerOptions,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly views: ReadStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.init();
    if (this.options.runProjector) this.projector.start();
    if (this.relay && this.options.runProjector) {
      await this.relay.init();
      this.relay.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.projector.stop();
    await this.events.close();
    await this.views.close();
  }
}

/** Signs a checkpoint every CHECKPOINT_INTERVAL_SECONDS when the ledger grew (all-in-one only). */
@Injectable()
class CheckpointScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('Checkpoints');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTOR_OPTIONS) private readonly options: LedgerOptions,
    @Inject(STORED_EVENTS) private readonly events: EventStore,
    @Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.runProjector || this.config.checkpointIntervalSeconds === 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.checkpointIntervalSeconds * 1000);
    this.timer.unref();
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

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

@Global()
@Module({})
export class LedgerModule {
  static forRoot(config: AppConfig, options: LedgerOptions): DynamicModule {
    const logger = new Logger('Projector');
    const relayLogger = new Logger('Relay');
    return {
      module: LedgerModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: PROJECTOR_OPTIONS, useValue: options },
        { provide: EVENT_STORE, useFactory: () => createEventStore(config) },
        { provide: STORED_EVENTS, inject: [EVENT_STORE], useFactory: (events: EventStore) => rawEvents(events) },
        { provide: READ_STORE, useFactory: () => createReadStore(config) }, // async: MongoDB reads its live-set pointer
        { provide: LEDGER_METRICS, useFactory: () => new LedgerMetrics() },
        {
          provide: Projector,
          inject: [EVENT_STORE, READ_STORE, LEDGER_METRICS],
          useFactory: (events: EventStore, views: ReadStore, metrics: LedgerMetrics) => new Projector(events, views, {
            checkpointName: VIEWS_CHECKPOINT,
            projections: LEDGER_PROJECTIONS,
            onError: (error, event) => logger.error({ errorName: error instanceof Error ? error.name : 'Error', eventId: event?.id, eventType: event?.type, position: event?.position }, 'projection failed; retrying'),
            onBatch: ({ position }) => metrics.projectorCheckpoint.set(position),
            // What failed, never the data: ids, type, position and the error's class.
            onQuarantine: (entry) => {
              metrics.quarantine(entry);
              logger.error({
                projection: entry.projection, eventId: entry.eventId, eventType: entry.eventType, streamId: entry.streamId, position: entry.position, errorName: entry.error.name,
              }, 'projection could not apply an event; quarantined it and went on (see civic-ledger read-models quarantine list)');
            },
            // Erasure reaches the read-model sets kept by rebuilds too (docs/privacy.md).
            beforeErasureCommit: ((kept) => (position: number) => kept.catchUp(position))(KeptReadModelSets.of(config, events, views)),
          }),
        },
        {
          provide: RELAY,
          inject: [EVENT_STORE, READ_STORE],
          // The Kafka relay runs only when brokers are configured; it keeps its own checkpoint.
          useFactory: (events: EventStore, views: ReadStore) => (config.kafkaBrokers.length === 0 ? null : new Relay(
            events,
            new KafkaEventPublisher({ brokers: config.kafkaBrokers }),
            { load: (name) => views.checkpoint(name), save: (name, position) => views.commit([], { name, position }) },
            {
              onError: (error, event) => relayLogger.error({ errorName: error instanceof Error ? error.name : 'Error', eventId: event?.id, position: event?.position }, 'relay failed; retrying from its checkpoint'),
              schemaBase: config.feedSchemaBaseUrl,
              // Keys are checked right before each send: a batch read before an erasure is read again.
              erasedAmong: events instanceof EncryptingEventStore ? (partyIds) => events.erasedAmong(partyIds) : undefined,
            },
          )),
        },
        { provide: AUDIT_SIGNER, useFactory: () => loadSigner(config) },
        ProjectorLifecycle,
        CheckpointScheduler,
        ReadModelProgress,
      ],
      exports: [APP_CONFIG, EVENT_STORE, STORED_EVENTS, READ_STORE, Projector, RELAY, AUDIT_SIGNER, LEDGER_METRICS, ReadModelProgress],
    };
  }
}
