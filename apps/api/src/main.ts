import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '@civic-ledger/config';
import { startServer } from './bootstrap';

/**
 * `civic-ledger serve`: the HTTP API, with the worker (projections, Kafka relay, checkpoints) in the same
 * process unless `--api-only` (then a separate `civic-ledger worker` keeps the read models up to date).
 */
const program = new Command('civic-ledger serve')
  .description('run the HTTP API, with the worker in the same process unless --api-only')
  .option('-p, --port <port>', 'port to listen on (overrides PORT)')
  .option('--api-only', 'serve HTTP only; read-your-writes and readiness follow the stored checkpoints a worker writes')
  .action(async (opts: { port?: string; apiOnly?: boolean }) => {
    const config = loadConfig(undefined, { PORT: opts.port });
    const app = await startServer(config, { runProjector: !opts.apiOnly });
    const url = await app.getUrl();
    process.stderr.write(`civic-ledger listening on ${url.replace('[::1]', 'localhost')} (data in ${config.dataDir}${opts.apiOnly ? '; API only' : ''}); API docs at /docs\n`);
  });

// argv: node, launcher, "serve", options…
program.parseAsync([process.argv[0], process.argv[1], ...process.argv.slice(3)]).catch((error: unknown) => {
  process.stderr.write(`civic-ledger: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
});
