import { createHash, randomBytes } from 'node:crypto';
import { startOidcProvider, TestOidcProvider } from '../infra/oidc-provider';
import { startTestApp, TestApp } from './support/test-app';

const REDIRECT = 'http://127.0.0.1:9/console/callback';

/** A client-credentials client of the test provider, with the civic-ledger claims its tokens carry. */
const machine = (client_id: string, claims: object, extra: object = {}) => ({
  client_id, client_secret: `${client_id}-secret`, grant_types: ['client_credentials'], redirect_uris: [], response_types: [], ...claims, ...extra,
});

/** Cookies of a browser session, kept by hand (fetch keeps none). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('the console signs in with OIDC, and the API accepts the issuer\'s access tokens', () => {
  let idp: TestOidcProvider;
  let t: TestApp;

  beforeAll(async () => {
    idp = await startOidcProvider([
      machine('clerk-machine', { civic_role: 'clerk', civic_departments: ['housing'] }),
      machine('no-role-machine', {}),
      machine('long-lived-machine', { civic_role: 'clerk', civic_departments: ['housing'] }, { token_ttl: 13 * 3600 }),
      { client_id: 'staff-console', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'], redirect_uris: [REDIRECT] },
    ], { alice: { civic_role: 'caseworker', civic_departments: ['housing', 'benefits'] } });
    t = await startTestApp({ CONSOLE_OIDC_ISSUER: idp.issuer, CONSOLE_OIDC_CLIENT_ID: 'staff-console', CONSOLE_OIDC_REDIRECT_URI: REDIRECT });
  });
  afterAll(async () => {
    await t?.close();
    await idp?.stop();
  });

  async function clientCredentials(clientId: string, resource = 'urn:civic-ledger'): Promise<string> {
    const res = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientId}-secret`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource }),
    });
    const body = await res.json() as { access_token?: string };
    expect([res.status, body]).toEqual([200, expect.objectContaining({ access_token: expect.any(String), token_type: 'Bearer' })]);
    return body.access_token as string;
  }

  /** Authorization code + PKCE as the console's browser does it: authorize, log in, consent, redirect, token. */
  async function authorizationCode(account: string): Promise<string> {
    const jar = new CookieJar();
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
      const res = await fetch(new URL(url, idp.issuer), { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header } });
      jar.keep(res);
      return res;
    };
    const form = (fields: Record<string, string>): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    let res = await go(`/auth?${new URLSearchParams({
      client_id: 'staff-console', response_type: 'code', redirect_uri: REDIRECT, scope: 'openid api', state: 'state-1', code_challenge: challenge, code_challenge_method: 'S256',
    })}`);
    for (let step = 0; step < 8; step += 1) {
      const location = res.headers.get('location') ?? '';
      if (location.startsWith(REDIRECT)) break;
      if (/\/interaction\/[^/]+$/.test(location)) {
        const page = await (await go(location)).text();
        const prompt: Record<string, string> = page.includes('name="login"') ? { prompt: 'login', login: account, password: 'any' } : { prompt: 'consent' };
        res = await go(location, form(prompt));
      } else {
        res = await go(location);
      }
    }
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('state-1');
    const token = await fetch(`${idp.issuer}/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: REDIRECT, client_id: 'staff-console', code_verifier: verifier }),
    });
    const body = await token.json() as { access_token?: string };
    expect([token.status, body]).toEqual([200, expect.objectContaining({ access_token: expect.any(String) })]);
    return body.access_token as string;
  }

  it('tells the console where to sign in, without a token', async () => {
    const res = await t.anonymous.get('/v1/console/config').expect(200);
    expect(res.body).toEqual({ signIn: 'oidc', oidc: { issuer: idp.issuer, clientId: 'staff-console', redirectUri: REDIRECT, scopes: 'openid profile' } });
    // The console's page may fetch the issuer (discovery, token endpoint) and nothing else.
    const page = await t.anonymous.get('/console').expect(200);
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ${idp.issuer}`);
  });

  it('accepts a staff member\'s access token from the authorization code + PKCE flow, with role and departments from its claims', async () => {
    const token = await authorizationCode('alice');
    const me = await t.anonymous.get('/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ subject: 'alice', role: 'caseworker', departments: ['housing', 'benefits'], allDepartments: false });
    expect(me.body.actions).toContain('interaction.record');
    expect(Date.parse(me.body.expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);
  });

  it('accepts a client-credentials token of the issuer, and still the embedded issuer\'s own tokens', async () => {
    const me = await t.anonymous.get('/v1/me').set('Authorization', `Bearer ${await clientCredentials('clerk-machine')}`).expect(200);
    expect(me.body).toMatchObject({ subject: 'clerk-machine', role: 'clerk', departments: ['housing'] });
    await t.anonymous.get('/v1/me').set('Authorization', await t.token('auditor')).expect(200);
  });

  it('refuses its tokens for another audience (401), living longer than AUTH_MAX_TOKEN_LIFETIME (401), or without a role (403)', async () => {
    const other = await t.anonymous.get('/v1/me').set('Authorization', `Bearer ${await clientCredentials('clerk-machine', 'urn:other')}`).expect(401);
    expect(other.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', detail: 'The bearer token is not valid for this service.' });
    const long = await t.anonymous.get('/v1/me').set('Authorization', `Bearer ${await clientCredentials('long-lived-machine')}`).expect(401);
    expect(long.body.detail).toMatch(/lives longer than this service accepts/);
    const roleless = await t.anonymous.get('/v1/me').set('Authorization', `Bearer ${await clientCredentials('no-role-machine')}`).expect(403);
    expect(roleless.body.code).toBe('AUTH.FORBIDDEN');
  });
});
