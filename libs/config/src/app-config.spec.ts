import { ConfigError, loadConfig, mongoDatabaseName } from './app-config';

describe('one MongoDB database rule', () => {
  it.each([
    ['mongodb://m:27017', 'civic_ledger'],
    ['mongodb://m:27017/', 'civic_ledger'],
    ['mongodb://m:27017/?replicaSet=rs0', 'civic_ledger'],
    ['mongodb://u:p%2F@a:1,b:2/cl_prod?replicaSet=rs0', 'cl_prod'],
    ['mongodb+srv://cluster.example/ledger', 'ledger'],
  ])('%s → %s', (url, db) => {
    expect(mongoDatabaseName(url)).toBe(db);
    expect(loadConfig({ READ_STORE: 'mongo', KEY_VAULT: 'mongo', MONGODB_URL: url }).mongodbDatabase).toBe(db);
  });

  it('refuses what is no MongoDB URL', () => {
    expect(() => mongoDatabaseName('postgres://x/db')).toThrow(ConfigError);
  });
});

describe('feed schema base', () => {
  it('is an absolute URI ending in a slash, configurable', () => {
    expect(loadConfig({}).feedSchemaBaseUrl).toBe('https://schemas.civic-ledger.example/contracts/');
    expect(loadConfig({ FEED_SCHEMA_BASE_URL: 'https://schemas.council.example/feed' }).feedSchemaBaseUrl).toBe('https://schemas.council.example/feed/');
    expect(() => loadConfig({ FEED_SCHEMA_BASE_URL: 'contracts/' })).toThrow(/FEED_SCHEMA_BASE_URL must be an absolute URI/);
  });
});

describe('loadConfig', () => {
  it('defaults to everything embedded', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, eventStore: 'sqlite', readStore: 'sqlite', kafkaBrokers: [], logLevel: 'info' });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('reads production settings', () => {
    const config = loadConfig({ EVENT_STORE: 'esdb', EVENTSTORE_URL: 'esdb://es:2113?tls=false', READ_STORE: 'mongo', MONGODB_URL: 'mongodb://m/cl', KAFKA_BROKERS: 'k1:9092, k2:9092', PORT: '8080', DATA_DIR: '/var/lib/cl' });
    expect(config).toMatchObject({ port: 8080, eventStoreUrl: 'esdb://es:2113?tls=false', mongodbUrl: 'mongodb://m/cl', kafkaBrokers: ['k1:9092', 'k2:9092'], dataDir: '/var/lib/cl' });
  });

  it.each([
    [{ EVENT_STORE: 'postgres' }, /EVENT_STORE must be one of sqlite, esdb/],
    [{ EVENT_STORE: 'esdb' }, /EVENTSTORE_URL is required/],
    [{ READ_STORE: 'mongo' }, /MONGODB_URL is required/],
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ AUTH_JWKS_URL: 'https://idp.example/jwks' }, /AUTH_ISSUER is required/],
    [{ KEY_VAULT: 'mongo' }, /MONGODB_URL is required when KEY_VAULT=mongo/],
    [{ KEY_VAULT: 'hsm' }, /KEY_VAULT must be one of sqlite, mongo/],
    [{ AUTH_JWKS_URL: 'idp.example/jwks', AUTH_ISSUER: 'x' }, /AUTH_JWKS_URL must be an http\(s\) URL/],
  ])('explains what is wrong with %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('loadConfig auth', () => {
  it('uses the embedded issuer and its key under DATA_DIR by default, an OIDC JWKS when configured', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/cl' }).auth).toEqual({
      jwksUrl: null, issuer: 'civic-ledger-local', audience: 'civic-ledger', keyFile: '/var/lib/cl/auth-signing-key.pem', keyGenerated: true,
      maxTokenLifetimeSeconds: 12 * 3600, tokenCacheEntries: 10_000,
    });
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME: '3600' }).auth.maxTokenLifetimeSeconds).toBe(3600);
    expect(loadConfig({ AUTH_TOKEN_CACHE: '0' }).auth.tokenCacheEntries).toBe(0);
    expect(() => loadConfig({ AUTH_MAX_TOKEN_LIFETIME: '12h' })).toThrow(/AUTH_MAX_TOKEN_LIFETIME must be an integer/);
    expect(loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'cl-api' }).auth)
      .toMatchObject({ jwksUrl: 'https://idp.example/jwks', issuer: 'https://idp.example', audience: 'cl-api' });
  });
});

describe('loadConfig console and TLS', () => {
  it('signs the console in with a pasted token by default, and sends no upgrade-insecure-requests unless behind TLS', () => {
    expect(loadConfig({})).toMatchObject({ console: { oidc: null }, behindTls: false, publicBaseUrl: null });
    expect(loadConfig({ BEHIND_TLS: 'true' }).behindTls).toBe(true);
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://ledger.example.gov/' })).toMatchObject({ behindTls: true, publicBaseUrl: 'https://ledger.example.gov' });
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://10.0.0.5:3000' }).behindTls).toBe(false);
    expect(() => loadConfig({ BEHIND_TLS: 'yes' })).toThrow(/BEHIND_TLS must be true or false/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ledger.example.gov' })).toThrow(/PUBLIC_BASE_URL must be an absolute http\(s\) URL/);
  });

  it('reads the console OIDC client, defaulting the redirect URI from PUBLIC_BASE_URL and the claims to civic_role / civic_departments', () => {
    expect(loadConfig({ CONSOLE_OIDC_ISSUER: 'https://idp.example/realms/city/', CONSOLE_OIDC_CLIENT_ID: 'console', PUBLIC_BASE_URL: 'https://ledger.example.gov', AUTH_AUDIENCE: 'cl-api' }).console.oidc).toEqual({
      issuer: 'https://idp.example/realms/city/', discoveryUrl: 'https://idp.example/realms/city/.well-known/openid-configuration', clientId: 'console',
      redirectUri: 'https://ledger.example.gov/console/callback', scopes: 'openid profile', audience: 'cl-api', roleClaim: 'civic_role', departmentsClaim: 'civic_departments',
    });
    expect(loadConfig({
      CONSOLE_OIDC_ISSUER: 'https://idp.example', CONSOLE_OIDC_CLIENT_ID: 'c', CONSOLE_OIDC_REDIRECT_URI: 'https://x.example/cb', CONSOLE_OIDC_AUDIENCE: 'api',
      CONSOLE_OIDC_ROLE_CLAIM: 'https://x.example/role', CONSOLE_OIDC_DEPARTMENTS_CLAIM: 'groups',
    }).console.oidc).toMatchObject({ redirectUri: 'https://x.example/cb', audience: 'api', roleClaim: 'https://x.example/role', departmentsClaim: 'groups' });
    expect(() => loadConfig({ CONSOLE_OIDC_ISSUER: 'https://idp.example', CONSOLE_OIDC_REDIRECT_URI: 'https://x.example/cb' })).toThrow(/CONSOLE_OIDC_CLIENT_ID is required/);
    expect(() => loadConfig({ CONSOLE_OIDC_ISSUER: 'https://idp.example', CONSOLE_OIDC_CLIENT_ID: 'c' })).toThrow(/CONSOLE_OIDC_REDIRECT_URI \(or PUBLIC_BASE_URL\) is required/);
    expect(() => loadConfig({ CONSOLE_OIDC_ISSUER: 'idp', CONSOLE_OIDC_CLIENT_ID: 'c' })).toThrow(/CONSOLE_OIDC_ISSUER must be an absolute http\(s\) URL/);
  });
});

describe('loadConfig precedence', () => {
  it('applies defaults under the environment and overrides over it', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug' }, {}, { LOG_LEVEL: 'warn' }).logLevel).toBe('debug');
    expect(loadConfig({}, {}, { LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(loadConfig({ PORT: '1' }, { PORT: '2', LOG_LEVEL: undefined }).port).toBe(2);
  });
});
