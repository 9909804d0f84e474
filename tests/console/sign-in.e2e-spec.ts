import { ConsoleEnv, ConsolePage, describeInBrowser, pagePerTest } from './support/console-env';

/** Signing in and out of the console in a real Chromium against a real `civic-ledger serve`. */
describeInBrowser('console: sign in, sign out, expiry, language', () => {
  const env = new ConsoleEnv();
  const current = pagePerTest(env);
  let page: ConsolePage;
  beforeEach(() => {
    page = current();
  });

  it('signs in with a token from `civic-ledger token` and lands on search, accessible both before and after', async () => {
    await page.open('/');
    await page.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.axeViolations()).toEqual([]);
    await page.screenshot('sign-in');
    await page.signIn(await env.token('caseworker', { sub: 'cw-ana' }));
    await page.page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor();
    expect(await page.page.getByText('Signed in as cw-ana (caseworker)').isVisible()).toBe(true);
    expect(await page.axeViolations()).toEqual([]);
  });

  it('serves the page for client routes and a problem for a missing asset, whatever the case of the path', async () => {
    for (const path of ['/console/parties/whatever', '/CONSOLE/correspondence']) {
      const res = await fetch(env.baseUrl + path);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    }
    for (const path of ['/console/assets/missing.js', '/CONSOLE/Assets/missing.js']) {
      const res = await fetch(env.baseUrl + path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 404, code: 'ROUTE.NOT_FOUND' });
    }
  });

  it('says so when a token is refused and stays on the sign-in page', async () => {
    page.expectConsoleError(/status of 401/);
    await page.open('/');
    await page.page.getByLabel('Access token').fill('not-a-token');
    await page.page.getByRole('button', { name: 'Sign in' }).click();
    await page.page.getByRole('alert').filter({ hasText: 'That access token was not accepted.' }).waitFor();
    expect(await page.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('signs out: the token is forgotten, a reload shows the sign-in page', async () => {
    await page.open('/');
    await page.signIn(await env.token('clerk'));
    await page.page.getByRole('button', { name: 'Sign out' }).click();
    await page.page.getByText('You have signed out.').waitFor();
    expect(await page.page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(0);
    await page.page.reload();
    await page.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  it('goes back to sign-in with a message when the token expires while signed in', async () => {
    await page.open('/');
    await page.signIn(await env.shortLivedToken('clerk', 'short-lived', 4));
    // The console's own timer at the token's exp (from GET /v1/me) signs out: wait for that, no fixed sleep.
    await page.page.getByText('Your session has expired. Sign in again.').waitFor({ timeout: 15_000 });
    await page.page.getByLabel('Access token').waitFor();
  });

  it('treats a 401 on a saved token as expiry (the tab came back after the token ran out)', async () => {
    page.expectConsoleError(/status of 401/);
    await page.open('/');
    await page.page.evaluate(() => (globalThis as unknown as { sessionStorage: Storage }).sessionStorage.setItem('civic-ledger.token', 'eyJhbGciOiJFZERTQSJ9.e30.c2ln'));
    await page.page.reload();
    await page.page.getByText('Your session has expired. Sign in again.').waitFor();
  });

  it('speaks Canadian French when the browser does, and switches language on request', async () => {
    await page.close();
    page = await env.page('fr-CA');
    await page.open('/');
    await page.page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await page.page.locator('html').getAttribute('lang')).toBe('fr-CA');
    await page.page.getByLabel('Jeton d’accès').fill(await env.token('caseworker'));
    await page.page.getByRole('button', { name: 'Se connecter' }).click();
    await page.page.getByRole('heading', { level: 1, name: 'Trouver une personne' }).waitFor();
    expect(await page.axeViolations()).toEqual([]);
    await page.page.getByLabel('Langue').selectOption('en');
    await page.page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor();
    expect(await page.page.locator('html').getAttribute('lang')).toBe('en');
  });
});

type Storage = { setItem(key: string, value: string): void };
