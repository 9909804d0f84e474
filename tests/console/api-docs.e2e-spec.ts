import { ConsoleEnv, describeInBrowser, pagePerTest } from './support/console-env';

/** The API's Swagger UI at /docs in a real Chromium: it works under its Content-Security-Policy (ADR 0018). */
describeInBrowser('API docs page', () => {
  const env = new ConsoleEnv();
  // Any CSP violation is a console error in Chromium: the test would fail on it.
  const current = pagePerTest(env);

  it('renders every operation of the document with no script, style or request refused', async () => {
    const { page } = current();
    const res = await page.goto(`${env.baseUrl}/docs`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.opblock').first().waitFor();
    const paths = Object.values((await (await fetch(`${env.baseUrl}/openapi.json`)).json() as { paths: Record<string, object> }).paths);
    const operations = paths.reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(await page.locator('.opblock').count()).toBe(operations);
  });
});
