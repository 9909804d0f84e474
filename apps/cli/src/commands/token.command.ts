import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '@civic-ledger/config';
import { defaultTokenLifetime, mintLocalToken } from '@civic-ledger/composition';
import { Role, ROLES } from '@civic-ledger/application';
import { integerOption } from '../cli-options';
import { printJson, printLines } from '../cli-output';

function department(value: string, previous: string[] = []): string[] {
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(value)) throw new InvalidArgumentError('a department is lower-case letters, digits and dashes');
  return [...previous, value];
}

export function tokenCommand(): Command {
  return new Command('token')
    .description('mint a bearer token with the embedded issuer\'s key (DATA_DIR/auth-signing-key.pem), for trying civic-ledger out')
    .addOption(new Option('--role <role>', 'what the holder may do').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--sub <subject>', 'who the holder is (recorded as the actor of every change)')
    .option('--department <name>', 'a department the holder works for (repeat for several)', department)
    .option('--ttl <seconds>', 'lifetime in seconds (default 8 h; at most AUTH_MAX_TOKEN_LIFETIME)', integerOption(60))
    .option('--json', 'print the token and its claims as JSON')
    .action(async (opts: { role: Role; sub: string; department?: string[]; ttl?: number; json?: boolean }) => {
      const config = loadConfig();
      const ttl = opts.ttl ?? defaultTokenLifetime(config);
      if (config.auth.jwksUrl) throw new ConfigError('AUTH_JWKS_URL is set: tokens come from your OIDC issuer, not from this command.');
      const departments = opts.department ?? [];
      const token = await mintLocalToken(config, { sub: opts.sub, role: opts.role, departments, ttlSeconds: ttl });
      const expiresAt = new Date(Date.now() + ttl * 1000).toISOString();
      if (opts.json) printJson({ token, sub: opts.sub, role: opts.role, departments, expiresAt });
      else printLines([token]);
    });
}
