import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '@civic-ledger/config';
import { startServer } from './bootstrap';
import { runWorkerBeside } from './worker-process';

/**
 * `civic-ledger serve`: the HTTP API, with the worker (projections, Kafka relay, checkpoints) beside it in a
 * child process unless `--api-only` (then a separately run `civic-ledger worker` keeps the read models up to date).
 */
const program = new Command('civic-ledger serve')
  .description('run the HTTP API, with the worker beside it (a child process) unless --api-only')
  .option('-p, --port <port>', 'port to listen on (overrides PORT)')
  .option('--api-only', 'serve HTTP only; read-your-writes and readiness follow the stored checkpoints a worker writes')
  .action(async (opts: { port?: string; apiOnly?: boolean }) => {
    const config = loadConfig(undefined, { PORT: opts.port });
    // The API itself never projects; read-your-writes and readiness follow the checkpoints the worker stores.
    const app = await startServer(config, { runProjector: false });
    if (!opts.apiOnly) runWorkerBeside(process.argv[1]);
    const url = await app.getUrl();
    process.stderr.write(`civic-ledger listening on ${url.replace('[::1]', 'localhost')} (data in ${config.dataDir}${opts.apiOnly ? '; API only' : ''}); staff console at /console, API docs at /docs\n`);
  });

// argv: node, launcher, "serve", options…
program.parseAsync([process.argv[0], process.argv[1], ...process.argv.slice(3)]).catch((error: unknown) => {
  process.stderr.write(`civic-ledger: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
});
