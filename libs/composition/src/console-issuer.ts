import { createRemoteJWKSet, decodeJwt, errors, JWTPayload, jwtVerify } from 'jose';
import { AppConfig, ConsoleOidcConfig } from '@civic-ledger/config';
import { Principal } from '@civic-ledger/application';
import { checkLifetime, principalFrom, TokenRejected, TokenVerifier } from './tokens';

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** The issuer's signing keys, from its discovery document (fetched once; jose caches and refreshes the keys). */
function discoveredKeys(oidc: ConsoleOidcConfig): () => Promise<KeySet> {
  let keys: Promise<KeySet> | null = null;
  const discover = async (): Promise<KeySet> => {
    const res = await fetch(oidc.discoveryUrl, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`discovery answered ${res.status}`);
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (doc.issuer !== oidc.issuer) throw new Error('the discovery document names another issuer');
    if (typeof doc.jwks_uri !== 'string') throw new Error('the discovery document has no jwks_uri');
    return createRemoteJWKSet(new URL(doc.jwks_uri));
  };
  return () => {
    keys ??= discover().catch((error: unknown) => {
      keys = null; // try again with the next token
      throw error;
    });
    return keys;
  };
}

/** The civic-ledger claims of an access token of the console's issuer, under their configured names. */
function civicClaims(payload: JWTPayload, oidc: ConsoleOidcConfig): JWTPayload {
  const role = payload[oidc.roleClaim];
  const departments = payload[oidc.departmentsClaim];
  return {
    sub: payload.sub, exp: payload.exp, iat: payload.iat,
    ...(Array.isArray(role) ? { roles: role } : { role }),
    departments: Array.isArray(departments) ? departments : typeof departments === 'string' ? [departments] : [],
  };
}

/**
 * Access tokens of the console's OIDC issuer (CONSOLE_OIDC_ISSUER): signature from the keys its discovery
 * document names, `iss`, `aud` (CONSOLE_OIDC_AUDIENCE) and `exp` checked, lifetime within
 * AUTH_MAX_TOKEN_LIFETIME, role and departments from the configured claims.
 */
export function consoleIssuerVerifier(oidc: ConsoleOidcConfig, maxLifetimeSeconds: number): TokenVerifier {
  const keys = discoveredKeys(oidc);
  return {
    async verify(token: string): Promise<Principal> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, await keys(), { issuer: oidc.issuer, audience: oidc.audience, clockTolerance: 30, requiredClaims: ['exp'] }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new TokenRejected('The bearer token has expired; get a new one.', 'invalid');
        if (error instanceof errors.JOSEError) throw new TokenRejected('The bearer token is not valid for this service.', 'invalid');
        throw new TokenRejected('The sign-in provider could not be reached to check the token; try again shortly.', 'invalid');
      }
      checkLifetime(payload, maxLifetimeSeconds);
      return principalFrom(civicClaims(payload, oidc));
    },
  };
}

/**
 * The API's own verifier (createTokenVerifier), plus the console's issuer when one is configured: tokens whose
 * `iss` is CONSOLE_OIDC_ISSUER go to its verifier, every other token to the API's own.
 */
export function withConsoleIssuer(own: TokenVerifier, config: AppConfig): TokenVerifier {
  const oidc = config.console.oidc;
  if (!oidc) return own;
  const console = consoleIssuerVerifier(oidc, config.auth.maxTokenLifetimeSeconds);
  return {
    verify(token: string): Promise<Principal> {
      let issuer: unknown;
      try {
        issuer = decodeJwt(token).iss;
      } catch {
        issuer = undefined;
      }
      return issuer === oidc.issuer ? console.verify(token) : own.verify(token);
    },
  };
}
