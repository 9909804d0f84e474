import { isAbsolute, join } from 'node:path';

export type EventStoreKind = 'sqlite' | 'esdb';
export type ReadStoreKind = 'sqlite' | 'mongo';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly eventStoreUrl: string | null;
  readonly readStore: ReadStoreKind;
  readonly mongodbUrl: string | null;
  /**
   * The one MongoDB database every Mongo component uses (read models, key vault): the path of
   * MONGODB_URL, or `civic_ledger` when the URL names none. Null without MONGODB_URL.
   */
  readonly mongodbDatabase: string | null;
  readonly kafkaBrokers: readonly string[];
  /**
   * Absolute base URI of the feed's JSON Schemas (FEED_SCHEMA_BASE_URL); each message's ce_dataschema is
   * this base plus the schema file name, e.g. `<base>PartyProfile.v2.schema.json`. Serve
   * libs/messaging/contracts/ there (or point it at where you publish them).
   */
  readonly feedSchemaBaseUrl: string;
  readonly logLevel: LogLevel;
  /** ISO 3166 region used to read phone numbers written without a country code. */
  readonly phoneRegion: string;
  readonly bodyLimitBytes: number;
  /** Ed25519 private key (PKCS#8 PEM) that signs ledger checkpoints; generated on first start when unset. */
  readonly auditKeyFile: string;
  readonly auditKeyGenerated: boolean;
  /** How often the all-in-one signs a checkpoint when the ledger grew (0 = only on demand). */
  readonly checkpointIntervalSeconds: number;
  /**
   * How long a worker's lease on a piece of work (the projections, the Kafka relay, checkpoint signing)
   * lasts without renewal (LEASE_SECONDS). Renewed every third of it; after a crash another worker takes
   * over within this time.
   */
  readonly leaseSeconds: number;
  /** Requests per minute per client address (0 = no limit). */
  readonly rateLimitPerMinute: number;
  /** Origins allowed by CORS; empty = CORS off (the default). */
  readonly corsOrigins: readonly string[];
  /** The URL people reach this deployment at (PUBLIC_BASE_URL, no trailing slash), when set. */
  readonly publicBaseUrl: string | null;
  /**
   * Served to browsers over HTTPS (PUBLIC_BASE_URL is https, or BEHIND_TLS=true, e.g. behind a TLS proxy):
   * only then does the Content-Security-Policy ask browsers to upgrade insecure requests.
   */
  readonly behindTls: boolean;
  /** The staff console's sign-in: OIDC (authorization code + PKCE) when an issuer is set, else a pasted token. */
  readonly console: { readonly oidc: ConsoleOidcConfig | null };
  /** Bearer-token verification: an OIDC issuer's JWKS, or (unset) the embedded local signing key. */
  readonly auth: {
    readonly jwksUrl: string | null;
    readonly issuer: string;
    readonly audience: string;
    /** Ed25519 private key (PKCS#8 PEM) of the embedded issuer; generated on first start when unset. */
    readonly keyFile: string;
    readonly keyGenerated: boolean;
    /** Longest lifetime (exp − iat) a bearer token may have; tokens without exp are refused. */
    readonly maxTokenLifetimeSeconds: number;
    /** Verified tokens kept (until their exp) so a request skips the signature check; 0 = none. */
    readonly tokenCacheEntries: number;
  };
  /**
   * Static bearer token a Prometheus scraper sends to GET /metrics (METRICS_TOKEN); unset = only
   * tokens of the auditor or service role may read metrics.
   */
  readonly metricsToken: string | null;
  /** Field encryption: where per-party data keys live, and the master key that wraps them. */
  readonly privacy: {
    readonly keyVault: KeyVaultKind;
    /** 32 random bytes, base64, in a file (mount it from your secret store); generated on first start when unset. */
    readonly masterKeyFile: string;
    readonly masterKeyGenerated: boolean;
    /** Master keys being rotated out (MASTER_KEY_PREVIOUS_FILES): still read until `rotate-master-key` has run. */
    readonly previousMasterKeyFiles: readonly string[];
  };
}

export type KeyVaultKind = 'sqlite' | 'mongo';

/** OIDC for the staff console; the API also accepts access tokens this issuer signs. */
export interface ConsoleOidcConfig {
  /** Issuer identifier (CONSOLE_OIDC_ISSUER), exactly as its tokens' `iss`; discovery at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly discoveryUrl: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: string;
  /** The `aud` its access tokens must carry for this API (CONSOLE_OIDC_AUDIENCE; default AUTH_AUDIENCE). */
  readonly audience: string;
  /** Claims that carry the civic-ledger role and departments. */
  readonly roleClaim: string;
  readonly departmentsClaim: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${value}").`);
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${value}").`);
  return n;
}

/** Database of a Mongo component when the URL names none. */
export const DEFAULT_MONGODB_DATABASE = 'civic_ledger';

/** The database rule for every MongoDB component: the URL's path, else civic_ledger (never the driver's `test`). */
export function mongoDatabaseName(url: string): string {
  // Parsed by hand: a replica-set URL (mongodb://h1:27017,h2:27017/db) is no WHATWG URL.
  const match = /^mongodb(?:\+srv)?:\/\/[^/?#]*(?:\/([^?#]*))?/.exec(url);
  if (!match) throw new ConfigError('MONGODB_URL must be a mongodb:// or mongodb+srv:// URL.');
  return decodeURIComponent(match[1] ?? '') || DEFAULT_MONGODB_DATABASE;
}

export const DEFAULT_FEED_SCHEMA_BASE_URL = 'https://schemas.civic-ledger.example/contracts/';

function schemaBase(value: string | undefined): string {
  const base = value || DEFAULT_FEED_SCHEMA_BASE_URL;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new ConfigError(`FEED_SCHEMA_BASE_URL must be an absolute URI (got "${base}").`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function required(name: string, value: string | undefined, when: string): string {
  if (!value) throw new ConfigError(`${name} is required when ${when}.`);
  return value;
}

/**
 * The one place that reads the environment. Defaults run everything embedded under ./data.
 * `defaults` apply where the environment is silent; `overrides` (e.g. CLI flags) win over it.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Record<string, string | undefined> = {}, defaults: Record<string, string> = {}): AppConfig {
  const env: Record<string, string | undefined> = { ...defaults, ...source };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) env[key] = value;
  const eventStore = oneOf<EventStoreKind>('EVENT_STORE', env.EVENT_STORE, ['sqlite', 'esdb'], 'sqlite');
  const readStore = oneOf<ReadStoreKind>('READ_STORE', env.READ_STORE, ['sqlite', 'mongo'], 'sqlite');
  const dataDir = env.DATA_DIR || './data';
  const absoluteDataDir = isAbsolute(dataDir) ? dataDir : join(process.cwd(), dataDir);
  const jwksUrl = env.AUTH_JWKS_URL || null;
  const keyVault = oneOf<KeyVaultKind>('KEY_VAULT', env.KEY_VAULT, ['sqlite', 'mongo'], 'sqlite');
  if (jwksUrl && !/^https?:\/\//.test(jwksUrl)) throw new ConfigError(`AUTH_JWKS_URL must be an http(s) URL (got "${jwksUrl}").`);
  return {
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: isAbsolute(dataDir) ? dataDir : join(process.cwd(), dataDir),
    eventStore,
    eventStoreUrl: eventStore === 'esdb' ? required('EVENTSTORE_URL', env.EVENTSTORE_URL, 'EVENT_STORE=esdb') : null,
    readStore,
    mongodbUrl: readStore === 'mongo' || keyVault === 'mongo' ? required('MONGODB_URL', env.MONGODB_URL, `${readStore === 'mongo' ? 'READ_STORE' : 'KEY_VAULT'}=mongo`) : null,
    mongodbDatabase: env.MONGODB_URL ? mongoDatabaseName(env.MONGODB_URL) : null,
    feedSchemaBaseUrl: schemaBase(env.FEED_SCHEMA_BASE_URL),
    kafkaBrokers: (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean),
    logLevel: oneOf<LogLevel>('LOG_LEVEL', env.LOG_LEVEL, ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    phoneRegion: (env.PHONE_REGION || 'GB').toUpperCase(),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 256 * 1024, 1024, 16 * 1024 * 1024),
    auditKeyFile: env.AUDIT_SIGNING_KEY_FILE || join(isAbsolute(dataDir) ? dataDir : join(process.cwd(), dataDir), 'audit-signing-key.pem'),
    auditKeyGenerated: !env.AUDIT_SIGNING_KEY_FILE,
    checkpointIntervalSeconds: integer('CHECKPOINT_INTERVAL_SECONDS', env.CHECKPOINT_INTERVAL_SECONDS, 3600, 0, 7 * 86400),
    leaseSeconds: integer('LEASE_SECONDS', env.LEASE_SECONDS, 15, 2, 600),
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 1200, 0, 1_000_000),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    publicBaseUrl: publicBaseUrl(env.PUBLIC_BASE_URL),
    behindTls: flag('BEHIND_TLS', env.BEHIND_TLS) || (publicBaseUrl(env.PUBLIC_BASE_URL)?.startsWith('https://') ?? false),
    console: { oidc: consoleOidc(env) },
    auth: {
      jwksUrl,
      issuer: jwksUrl ? required('AUTH_ISSUER', env.AUTH_ISSUER, 'AUTH_JWKS_URL is set') : env.AUTH_ISSUER || 'civic-ledger-local',
      audience: env.AUTH_AUDIENCE || 'civic-ledger',
      keyFile: env.AUTH_SIGNING_KEY_FILE || join(absoluteDataDir, 'auth-signing-key.pem'),
      keyGenerated: !env.AUTH_SIGNING_KEY_FILE,
      maxTokenLifetimeSeconds: integer('AUTH_MAX_TOKEN_LIFETIME', env.AUTH_MAX_TOKEN_LIFETIME, 12 * 3600, 60, 7 * 86400),
      tokenCacheEntries: integer('AUTH_TOKEN_CACHE', env.AUTH_TOKEN_CACHE, 10_000, 0, 1_000_000),
    },
    metricsToken: metricsToken(env.METRICS_TOKEN),
    privacy: {
      keyVault: keyVault,
      masterKeyFile: env.MASTER_KEY_FILE || join(absoluteDataDir, 'master.key'),
      masterKeyGenerated: !env.MASTER_KEY_FILE,
      previousMasterKeyFiles: (env.MASTER_KEY_PREVIOUS_FILES ?? '').split(',').map((f) => f.trim()).filter(Boolean),
    },
  };
}

function flag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ConfigError(`${name} must be true or false (got "${value}").`);
}

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL (got "${value}").`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an absolute http(s) URL (got "${value}").`);
  return value;
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

function publicBaseUrl(value: string | undefined): string | null {
  return value ? withoutTrailingSlash(httpUrl('PUBLIC_BASE_URL', value)) : null;
}

const CLAIM = /^[\x21-\x7e]{1,200}$/;

function claimName(name: string, value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  if (!CLAIM.test(value)) throw new ConfigError(`${name} must be a claim name (got "${value}").`);
  return value;
}

function consoleOidc(env: Record<string, string | undefined>): ConsoleOidcConfig | null {
  if (!env.CONSOLE_OIDC_ISSUER) return null;
  const issuer = httpUrl('CONSOLE_OIDC_ISSUER', env.CONSOLE_OIDC_ISSUER);
  const base = publicBaseUrl(env.PUBLIC_BASE_URL);
  const redirect = env.CONSOLE_OIDC_REDIRECT_URI || (base ? `${base}/console/callback` : undefined);
  return {
    issuer,
    discoveryUrl: `${withoutTrailingSlash(issuer)}/.well-known/openid-configuration`,
    clientId: required('CONSOLE_OIDC_CLIENT_ID', env.CONSOLE_OIDC_CLIENT_ID, 'CONSOLE_OIDC_ISSUER is set'),
    redirectUri: httpUrl('CONSOLE_OIDC_REDIRECT_URI', required('CONSOLE_OIDC_REDIRECT_URI (or PUBLIC_BASE_URL)', redirect, 'CONSOLE_OIDC_ISSUER is set')),
    scopes: env.CONSOLE_OIDC_SCOPES || 'openid profile',
    audience: env.CONSOLE_OIDC_AUDIENCE || env.AUTH_AUDIENCE || 'civic-ledger',
    roleClaim: claimName('CONSOLE_OIDC_ROLE_CLAIM', env.CONSOLE_OIDC_ROLE_CLAIM, 'civic_role'),
    departmentsClaim: claimName('CONSOLE_OIDC_DEPARTMENTS_CLAIM', env.CONSOLE_OIDC_DEPARTMENTS_CLAIM, 'civic_departments'),
  };
}

function metricsToken(value: string | undefined): string | null {
  if (!value) return null;
  if (!/^[A-Za-z0-9._~+/-]{32,200}$/.test(value)) throw new ConfigError('METRICS_TOKEN must be 32-200 letters, digits or ._~+/- (e.g. from: openssl rand -hex 32).');
  return value;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
