import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@civic-ledger/config';
import { WorkerModule } from './worker.module';

/** Starts a worker process: projections, relay and checkpoints, logging as `serve` does. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Logger).log({ relay: config.kafkaBrokers.length ? 'on' : 'off', readStore: config.readStore, eventStore: config.eventStore }, 'civic-ledger worker running');
  return app;
}
