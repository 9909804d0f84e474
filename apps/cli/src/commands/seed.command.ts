import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { Command } from 'commander';
import { integerOption } from '../cli-options';
import { loadConfig } from '@civic-ledger/config';
import { ReadModelProgress } from '@civic-ledger/composition';
import { SeedModule } from '../seed/seed.module';
import { printJson, printLines, progressBar } from '../cli-output';
import { Seeder } from '../seed/seeder';

const int = integerOption(0);

export function seedCommand(): Command {
  return new Command('seed')
    .description('record realistic demo data (citizens, organisations, contacts over several years) through the real command path')
    .option('--parties <n>', 'citizens and organisations', int, 300)
    .option('--interactions <n>', 'contacts across all channels', int, 5000)
    .option('--years <n>', 'how many years back contacts reach', int, 4)
    .option('--seed <n>', 'random seed (same seed, same people)', int, 42)
    .option('--concurrency <n>', 'parallel writers', int, 32)
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { parties: number; interactions: number; years: number; seed: number; concurrency: number; json?: boolean }) => {
      const config = loadConfig(undefined, {}, { LOG_LEVEL: 'warn' });
      const app = await NestFactory.createApplicationContext(SeedModule.forRoot(config), { logger: ['error', 'warn'] });
      try {
        const total = opts.parties + opts.interactions + Math.ceil(opts.interactions / 10);
        const bar = progressBar('seeding', total);
        const started = Date.now();
        const summary = await new Seeder(app.get(CommandBus), opts, (done) => bar.update(done)).run();
        bar.stop();
        // This process projects unless a running server or worker holds the projections' lease; either way, wait for them.
        await app.get(ReadModelProgress).waitFor(summary.lastPosition, 600_000);
        const result = { ...summary, seconds: (Date.now() - started) / 1000, dataDir: config.dataDir };
        if (opts.json) printJson(result);
        else printLines([`seeded ${summary.parties} parties, ${summary.interactions} interactions and ${summary.correspondence} correspondence cases in ${result.seconds.toFixed(1)} s (ledger position ${summary.lastPosition}, data in ${config.dataDir})`]);
      } finally {
        await app.close();
      }
    });
}
