import { Command } from 'commander';
import { loadConfig } from '@civic-ledger/config';
import { startServer } from '../../../api/src/bootstrap';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the API with the projector in one process (all-in-one)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (opts: { port?: string }) => {
      const config = loadConfig(undefined, { PORT: opts.port });
      const app = await startServer(config);
      const url = await app.getUrl();
      process.stderr.write(`civic-ledger listening on ${url.replace('[::1]', 'localhost')} (data in ${config.dataDir}); API docs at /docs\n`);
    });
}
