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

describe('loadConfig precedence', () => {
  it('applies defaults under the environment and overrides over it', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug' }, {}, { LOG_LEVEL: 'warn' }).logLevel).toBe('debug');
    expect(loadConfig({}, {}, { LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(loadConfig({ PORT: '1' }, { PORT: '2', LOG_LEVEL: undefined }).port).toBe(2);
  });
});
