import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { loadConfig } from '@civic-ledger/config';
import { AppModule } from '../../../api/src/app.module';

/** Projector and Kafka relay without the HTTP API: for running them as their own deployment. */
export function workerCommand(): Command {
  return new Command('worker')
    .description('run the projector and (with KAFKA_BROKERS) the Kafka relay, without the HTTP API')
    .action(async () => {
      const config = loadConfig();
      const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
      app.enableShutdownHooks();
      process.stderr.write(`civic-ledger worker running (relay ${config.kafkaBrokers.length ? `to ${config.kafkaBrokers.join(',')}` : 'off'})\n`);
    });
}
