import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { AppConfig, ConfigError } from '@civic-ledger/config';
import { loadOrCreateKeyFile, generateEd25519Pem } from './key-files';
import { Principal, Role, ROLES } from '@civic-ledger/application';
import { cachingVerifier, FIXED_KEYS, KeySource, TokenCache, VerifiedToken } from './token-cache';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Why a token was refused; the message is safe to show (no token contents). */
export class TokenRejected extends Error {
  constructor(message: string, readonly kind: 'invalid' | 'no-role') {
    super(message);
    this.name = 'TokenRejected';
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** The embedded issuer's key (EdDSA over Ed25519), created under DATA_DIR on first start. */
export function loadLocalIssuerKey(config: AppConfig): KeyObject {
  const pem = loadOrCreateKeyFile(config.auth.keyFile, config.auth.keyGenerated, 'AUTH_SIGNING_KEY_FILE', generateEd25519Pem);
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new ConfigError(`${config.auth.keyFile} is not an Ed25519 private key in PKCS#8 PEM form.`);
  }
}

/** Verifies bearer tokens: against the OIDC issuer's JWKS when AUTH_JWKS_URL is set, else the local key. */
export interface TokenVerifierOptions {
  /** The clock tokens are checked and cached against (milliseconds since the epoch). */
  readonly now?: () => number;
}

/**
 * Verifies bearer tokens against the OIDC issuer's JWKS or the embedded issuer's key, with a cache of
 * verified tokens (AUTH_TOKEN_CACHE entries, until each token's exp; dropped when the keys change).
 */
export function createTokenVerifier(config: AppConfig, options: TokenVerifierOptions = {}): TokenVerifier {
  const now = options.now ?? Date.now;
  const checks = { issuer: config.auth.issuer, audience: config.auth.audience, clockTolerance: 30, requiredClaims: ['exp'] };
  const maxLifetime = config.auth.maxTokenLifetimeSeconds;
  const cache = new TokenCache(config.auth.tokenCacheEntries, now);
  if (config.auth.jwksUrl) {
    const jwks = createRemoteJWKSet(new URL(config.auth.jwksUrl));
    const verify = (token: string) => verifyWith((t) => jwtVerify(t, jwks, { ...checks, currentDate: new Date(now()) }), token, maxLifetime, now);
    return { verify: cachingVerifier(verify, cache, remoteKeys(jwks)) };
  }
  const publicKey = createPublicKey(loadLocalIssuerKey(config));
  const verify = (token: string) => verifyWith((t) => jwtVerify(t, publicKey, { ...checks, algorithms: ['EdDSA'], currentDate: new Date(now()) }), token, maxLifetime, now);
  return { verify: cachingVerifier(verify, cache, FIXED_KEYS) };
}

/** A remote JWKS as a key source: its generation is the key ids it holds; stale once jose would refetch it. */
function remoteKeys(jwks: ReturnType<typeof createRemoteJWKSet>): KeySource {
  return {
    generation: () => JSON.stringify((jwks.jwks()?.keys ?? []).map((k) => [k.kid, k.x, k.n])),
    fresh: () => jwks.fresh,
  };
}

async function verifyWith(verify: (token: string) => Promise<{ payload: JWTPayload }>, token: string, maxLifetimeSeconds: number, now: () => number): Promise<VerifiedToken> {
  let payload: JWTPayload;
  try {
    ({ payload } = await verify(token));
  } catch (error) {
    const expired = error instanceof errors.JWTExpired;
    throw new TokenRejected(expired ? 'The bearer token has expired; get a new one.' : 'The bearer token is not valid for this service.', 'invalid');
  }
  checkLifetime(payload, maxLifetimeSeconds, Math.floor(now() / 1000));
  return { principal: principalFrom(payload), exp: payload.exp as number };
}

/** A token must expire, and within the configured maximum of when it was issued (or of now, without iat). */
export function checkLifetime(payload: JWTPayload, maxLifetimeSeconds: number, nowSeconds = Math.floor(Date.now() / 1000)): void {
  if (typeof payload.exp !== 'number') throw new TokenRejected('The bearer token has no expiry (exp); get one that expires.', 'invalid');
  const from = typeof payload.iat === 'number' ? Math.min(payload.iat, nowSeconds) : nowSeconds;
  if (payload.exp - from > maxLifetimeSeconds) {
    throw new TokenRejected(`The bearer token lives longer than this service accepts (${maxLifetimeSeconds} s); get a shorter-lived one.`, 'invalid');
  }
}

/** Claims: `sub`; `role` (or the first known role in `roles`); `departments` (or `department`). */
export function principalFrom(payload: JWTPayload): Principal {
  if (typeof payload.sub !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(payload.sub)) throw new TokenRejected('The bearer token has no usable subject.', 'invalid');
  const claimed = [payload.role, ...(Array.isArray(payload.roles) ? payload.roles : [])];
  const role = claimed.find((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
  if (!role) throw new TokenRejected(`The bearer token carries no civic-ledger role (one of ${ROLES.join(', ')}).`, 'no-role');
  const departments = Array.isArray(payload.departments) ? payload.departments : typeof payload.department === 'string' ? [payload.department] : [];
  return {
    sub: payload.sub, role, departments: departments.filter((d): d is string => typeof d === 'string'),
    ...(typeof payload.exp === 'number' ? { expiresAt: new Date(payload.exp * 1000).toISOString() } : {}),
  };
}

export interface MintOptions {
  readonly sub: string;
  readonly role: Role;
  readonly departments?: readonly string[];
  /** Lifetime; default 8 hours (a working day), never more than AUTH_MAX_TOKEN_LIFETIME. */
  readonly ttlSeconds?: number;
}

/** The default lifetime of minted tokens: a working day, or the configured maximum when shorter. */
export function defaultTokenLifetime(config: AppConfig): number {
  return Math.min(8 * 3600, config.auth.maxTokenLifetimeSeconds);
}

/** Mints a token with the embedded issuer's key (the `civic-ledger token` command, tests, demos). */
export function mintLocalToken(config: AppConfig, options: MintOptions): Promise<string> {
  const ttl = options.ttlSeconds ?? defaultTokenLifetime(config);
  if (ttl > config.auth.maxTokenLifetimeSeconds) {
    throw new ConfigError(`A token may live at most AUTH_MAX_TOKEN_LIFETIME = ${config.auth.maxTokenLifetimeSeconds} seconds (asked for ${ttl}).`);
  }
  const key = loadLocalIssuerKey(config);
  return new SignJWT({ role: options.role, departments: [...(options.departments ?? [])] })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`)
    .sign(key);
}
