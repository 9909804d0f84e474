// A real OpenID provider (the oidc-provider package) for tests, on a free loopback port. It prints
// {"issuer": "http://127.0.0.1:<port>"} on its first line and serves until killed.
// Clients: OIDC_TEST_CLIENTS (JSON array of client metadata; civic_role / civic_departments / token_ttl
// are the claims and access-token lifetime of a client-credentials client). Accounts for the
// authorization code flow: OIDC_TEST_ACCOUNTS (JSON: accountId → { civic_role, civic_departments }).
// Access tokens are JWTs for the resource `urn:civic-ledger` (audience `civic-ledger`) by default;
// any other resource gets the audience `other-api`.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import process from 'node:process';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.OIDC_TEST_CLIENTS ?? '[]');
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? '{}');
const byId = new Map(clients.map((c) => [c.client_id, c]));

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const civic = (source) => (source ? { civic_role: source.civic_role, civic_departments: source.civic_departments } : undefined);

const provider = new Provider(issuer, {
  clients,
  extraClientMetadata: { properties: ['civic_role', 'civic_departments', 'token_ttl'] },
  jwks: { keys: [{ ...key, kid: 'test-key', alg: 'RS256', use: 'sig' }] },
  cookies: { keys: ['oidc-test-provider-only'] },
  findAccount: async (_ctx, sub) => (accounts[sub] ? { accountId: sub, claims: async () => ({ sub }) } : undefined),
  features: {
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => 'urn:civic-ledger',
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resource) => ({
        scope: 'api', audience: resource === 'urn:civic-ledger' ? 'civic-ledger' : 'other-api', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: async (_ctx, token) => (token.accountId ? civic(accounts[token.accountId]) : civic(byId.get(token.clientId))),
  ttl: {
    ClientCredentials: (_ctx, _token, client) => byId.get(client.clientId)?.token_ttl ?? 600,
    AccessToken: 600,
  },
});
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc server_error: ${error.stack}\n`));
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
