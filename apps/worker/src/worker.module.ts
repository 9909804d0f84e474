import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@civic-ledger/config';
import { LedgerModule, loggerOptions } from '@civic-ledger/composition';

/**
 * What a worker runs, and nothing else: the projector, the Kafka relay (with KAFKA_BROKERS) and the
 * checkpoint scheduler over the configured stores. No HTTP module.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [LoggerModule.forRoot(loggerOptions(config)), LedgerModule.forRoot(config, { runProjector: true })],
    };
  }
}
