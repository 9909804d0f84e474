import { Command } from 'commander';
import { loadConfig } from '@civic-ledger/config';
import { startWorker } from '../../../worker/src/worker';

/** Projector, Kafka relay and checkpoint scheduler without the HTTP API: for running them as their own deployment. */
export function workerCommand(): Command {
  return new Command('worker')
    .description('run the projector, the Kafka relay (with KAFKA_BROKERS) and the checkpoint scheduler, without the HTTP API')
    .action(async () => {
      const config = loadConfig();
      await startWorker(config);
      // Started by `serve` (over an IPC channel): stop when `serve` is gone, however it went.
      if (process.channel) {
        process.channel.unref();
        process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
      }
      process.stderr.write(`civic-ledger worker running (relay ${config.kafkaBrokers.length ? `to ${config.kafkaBrokers.join(',')}` : 'off'})\n`);
    });
}
