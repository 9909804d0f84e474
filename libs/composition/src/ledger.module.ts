import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import { AUDIT_SIGNER, STORED_EVENTS } from '@civic-ledger/application';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { LeaseStore, LEDGER_PROJECTIONS, Projector, READ_STORE, ReadStore, VIEWS_CHECKPOINT } from '@civic-ledger/read-models';
import { Relay } from '@civic-ledger/messaging';
import { EncryptingEventStore } from '@civic-ledger/privacy';
import { loadSigner } from './audit-signer';
import { LEDGER_OPTIONS, ReadModelProgress } from './read-model-progress';
import { CheckpointScheduler } from './checkpoint-scheduler';
import { LEASE_STORE, RELAY, WorkCoordinator } from './work-coordinator';
import { LEDGER_METRICS, LedgerMetrics } from './ledger-metrics';
import { KeptReadModelSets } from './kept-read-model-sets';
import { createEventPublisher, createEventStore, createLeaseStore, createReadStore, rawEvents } from './ledger-stores';

export interface LedgerOptions {
  /** Run the projector inside this process (the all-in-one); a separate worker does it otherwise. */
  readonly runProjector: boolean;
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
        { provide: LEDGER_OPTIONS, useValue: options },
        { provide: EVENT_STORE, useFactory: () => createEventStore(config) },
        { provide: STORED_EVENTS, inject: [EVENT_STORE], useFactory: (events: EventStore) => rawEvents(events) },
        { provide: READ_STORE, useFactory: () => createReadStore(config) }, // async: MongoDB reads its live-set pointer
        { provide: LEDGER_METRICS, useFactory: () => new LedgerMetrics() },
        {
          provide: Projector,
          inject: [EVENT_STORE, READ_STORE, LEDGER_METRICS],
          useFactory: (events: EventStore, views: ReadStore, metrics: LedgerMetrics) => new Projector(events, views, {
            legacyCheckpoint: VIEWS_CHECKPOINT,
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
          inject: [EVENT_STORE, READ_STORE, LEASE_STORE],
          // The Kafka relay runs only when brokers are configured. Its checkpoint lives with the leases,
          // outside every read-model set, so a rebuild never touches it (read once from the set it used to live in).
          useFactory: (events: EventStore, views: ReadStore, leases: LeaseStore) => (config.kafkaBrokers.length === 0 ? null : new Relay(
            events,
            createEventPublisher(config),
            { load: async (name) => (await leases.checkpoint(name)) || views.checkpoint(name), save: (name, position) => leases.saveCheckpoint(name, position) },
            {
              onError: (error, event) => relayLogger.error({ errorName: error instanceof Error ? error.name : 'Error', eventId: event?.id, position: event?.position }, 'relay failed; retrying from its checkpoint'),
              schemaBase: config.feedSchemaBaseUrl,
              // Keys are checked right before each send: a batch read before an erasure is read again.
              erasedAmong: events instanceof EncryptingEventStore ? (partyIds) => events.erasedAmong(partyIds) : undefined,
            },
          )),
        },
        { provide: AUDIT_SIGNER, useFactory: () => loadSigner(config) },
        { provide: LEASE_STORE, useFactory: () => createLeaseStore(config) },
        CheckpointScheduler,
        WorkCoordinator,
        ReadModelProgress,
      ],
      exports: [APP_CONFIG, EVENT_STORE, STORED_EVENTS, READ_STORE, Projector, RELAY, AUDIT_SIGNER, LEDGER_METRICS, ReadModelProgress, WorkCoordinator, LEASE_STORE],
    };
  }
}
