import { startOidcProvider, TestOidcProvider } from '../infra/oidc-provider';
import { freePort } from '../e2e/support/server-process';
import { closeEachPageCheckingErrors, ConsoleEnv, ConsolePage, describeInBrowser } from './support/console-env';

/** Production sign-in: authorization code + PKCE at a real OpenID provider (oidc-provider), in Chromium. */
describeInBrowser('console: OIDC sign-in', () => {
  const env = new ConsoleEnv();
  let idp: TestOidcProvider;
  let page: ConsolePage;
  beforeAll(async () => {
    const port = await freePort();
    const redirect = `http://127.0.0.1:${port}/console/callback`;
    idp = await startOidcProvider(
      [{ client_id: 'staff-console', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'], redirect_uris: [redirect] }],
      { alice: { civic_role: 'caseworker', civic_departments: ['housing'] } },
    );
    await env.start({ CONSOLE_OIDC_ISSUER: idp.issuer, CONSOLE_OIDC_CLIENT_ID: 'staff-console', CONSOLE_OIDC_REDIRECT_URI: redirect }, port);
  });
  afterAll(async () => {
    await env.stop();
    await idp?.stop();
  });
  closeEachPageCheckingErrors(() => page);

  it('signs in at the issuer and comes back to the page it left, as the staff member the issuer names', async () => {
    page = await env.page();
    // The provider's own login pages are not the console's: what they log or fetch (web fonts) is theirs.
    page.expectConsoleError(new RegExp(`\\(${idp.issuer.replace(/[.]/g, '\\.')}/`));
    page.expectConsoleError(/^external request: https:\/\/fonts\.googleapis\.com\//);
    await page.open('/correspondence');
    await page.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.page.getByLabel('Access token').count()).toBe(0);
    expect(await page.axeViolations()).toEqual([]);
    await page.page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await page.page.waitForURL((url) => url.origin === idp.issuer);
    const authorize = new URL((await page.page.evaluate(() => (globalThis as unknown as { performance: { getEntriesByType(t: string): { name: string }[] } }).performance.getEntriesByType('navigation')[0].name)));
    await page.page.locator('input[name="login"]').fill('alice');
    await page.page.locator('input[name="password"]').fill('any');
    await page.page.locator('button[type="submit"]').click();
    await page.page.locator('button[type="submit"]').click(); // consent
    await page.page.getByRole('heading', { level: 1, name: 'Correspondence queue' }).waitFor();
    expect(await page.page.getByText('Signed in as alice (caseworker)').isVisible()).toBe(true);
    expect(new URL(page.page.url()).pathname).toBe('/console/correspondence');
    expect(authorize.origin).toBe(idp.issuer);
    await page.page.getByRole('button', { name: 'Sign out' }).click();
    await page.page.getByRole('button', { name: 'Sign in with your organisation' }).waitFor();
  });

  it('sends PKCE (S256), state and nonce to the issuer', async () => {
    page = await env.page();
    page.expectConsoleError(new RegExp(`\\(${idp.issuer.replace(/[.]/g, '\\.')}/`));
    page.expectConsoleError(/^external request: https:\/\/fonts\.googleapis\.com\//);
    await page.open('/');
    const [request] = await Promise.all([
      page.page.waitForRequest((r) => r.url().startsWith(`${idp.issuer}/auth`)),
      page.page.getByRole('button', { name: 'Sign in with your organisation' }).click(),
    ]);
    const params = new URL(request.url()).searchParams;
    expect(Object.fromEntries(['client_id', 'response_type', 'code_challenge_method', 'scope'].map((k) => [k, params.get(k)]))).toEqual({
      client_id: 'staff-console', response_type: 'code', code_challenge_method: 'S256', scope: 'openid profile',
    });
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
  });
});
