import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt, SignJWT } from 'jose';
import { loadLocalIssuerKey } from '@civic-ledger/composition';
import { startTestApp, TestApp } from './support/test-app';

/** Bearer tokens must expire, and not too late; refusals are problems titled as RFC 9110 names them. */
describe('bearer token lifetime', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ AUTH_MAX_TOKEN_LIFETIME: String(12 * 3600) }); });
  afterAll(async () => t.close());

  /** A token signed with the embedded issuer's key, with the claims the test chooses. */
  const signed = (lifetime: { exp?: number | null; iat?: number | null }) => {
    const now = Math.floor(Date.now() / 1000);
    let jwt = new SignJWT({ role: 'supervisor', departments: ['housing'] })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).setSubject('supervisor-9').setIssuer(t.config.auth.issuer).setAudience(t.config.auth.audience);
    if (lifetime.iat !== null) jwt = jwt.setIssuedAt(now + (lifetime.iat ?? 0));
    if (lifetime.exp !== null && lifetime.exp !== undefined) jwt = jwt.setExpirationTime(now + lifetime.exp);
    return jwt.sign(loadLocalIssuerKey(t.config));
  };
  const read = async (token: string) => t.anonymous.get('/v1/correspondence').set('Authorization', `Bearer ${token}`);

  it('refuses a token without exp with 401 Unauthorized', async () => {
    const res = await read(await signed({ exp: null }));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized', code: 'AUTH.UNAUTHENTICATED' });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a token living longer than AUTH_MAX_TOKEN_LIFETIME, with or without iat', async () => {
    for (const lifetime of [{ exp: 13 * 3600 }, { exp: 13 * 3600, iat: null }, { exp: 3600, iat: -12 * 3600 }, { exp: 365 * 86400 }]) {
      const res = await read(await signed(lifetime));
      expect({ lifetime, status: res.status, title: res.body.title }).toEqual({ lifetime, status: 401, title: 'Unauthorized' });
    }
  });

  it('accepts a token within the limit', async () => {
    expect((await read(await signed({ exp: 11 * 3600 }))).status).toBe(200);
    expect((await read(await signed({ exp: 600, iat: -3600 }))).status).toBe(200);
  });

  it('titles a missing token Unauthorized and a wrong role Forbidden', async () => {
    const missing = await t.anonymous.get('/v1/correspondence').expect(401);
    expect(missing.body).toMatchObject({ title: 'Unauthorized', status: 401 });
    const forbidden = await t.anonymous.get('/v1/audit/verify').set('Authorization', await t.token('clerk')).expect(403);
    expect(forbidden.body).toMatchObject({ title: 'Forbidden', status: 403, code: 'AUTH.FORBIDDEN' });
  });
});

describe('a shorter AUTH_MAX_TOKEN_LIFETIME', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ AUTH_MAX_TOKEN_LIFETIME: '3600' }); });
  afterAll(async () => t.close());

  it('refuses a working-day token the default would accept; minted tokens stay within it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const day = await new SignJWT({ role: 'supervisor', departments: ['housing'] }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('s-1')
      .setIssuer(t.config.auth.issuer).setAudience(t.config.auth.audience).setIssuedAt(now).setExpirationTime(now + 8 * 3600).sign(loadLocalIssuerKey(t.config));
    await t.anonymous.get('/v1/correspondence').set('Authorization', `Bearer ${day}`).expect(401);
    // The test helper mints with the default lifetime, which never exceeds the configured maximum.
    await t.anonymous.get('/v1/correspondence').set('Authorization', await t.token('supervisor')).expect(200);
  });
});

describe('civic-ledger token', () => {
  const MAIN = join(__dirname, '..', '..', 'bin', 'civic-ledger');
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ AUTH_MAX_TOKEN_LIFETIME: '3600' }); });
  afterAll(async () => t.close());
  const cli = (...args: string[]) => promisify(execFile)(process.execPath, [MAIN, 'token', '--role', 'supervisor', '--sub', 's-1', ...args], {
    env: { ...process.env, DATA_DIR: t.dataDir, AUTH_MAX_TOKEN_LIFETIME: '3600', LOG_LEVEL: 'silent' },
  });

  it('mints within AUTH_MAX_TOKEN_LIFETIME and refuses a longer --ttl', async () => {
    const { stdout } = await cli();
    const claims = decodeJwt(stdout.trim());
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
    await t.anonymous.get('/v1/correspondence').set('Authorization', `Bearer ${stdout.trim()}`).expect(200);
    await expect(cli('--ttl', '7200')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('AUTH_MAX_TOKEN_LIFETIME') });
  });
});
