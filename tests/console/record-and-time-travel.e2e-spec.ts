import { closeEachPageCheckingErrors, ConsoleEnv, ConsolePage, describeInBrowser } from './support/console-env';
import { iso } from './support/fixtures';

type Json = Record<string, unknown>;

/** Writing through the console (Record interaction) and reading the past (As known on). */
describeInBrowser('console: record an interaction, time travel', () => {
  const env = new ConsoleEnv();
  let partyId: string;
  let registeredAt: number;
  let page: ConsolePage;
  beforeAll(async () => {
    await env.start();
    registeredAt = Date.now();
    ({ id: partyId } = await env.api<{ id: string }>('supervisor', 'POST', '/v1/parties', {
      kind: 'person', name: { full: 'Nadia Ouellet' }, contactPoints: [{ kind: 'email', value: 'nadia@example.org' }], department: 'housing',
    }));
  });
  afterAll(() => env.stop());
  beforeEach(async () => {
    page = await env.page();
  });
  closeEachPageCheckingErrors(() => page);

  const openPerson = async (role: 'caseworker' | 'supervisor') => {
    await page.open(`/parties/${partyId}`);
    await page.signIn(await env.token(role));
    await page.page.getByRole('heading', { level: 1, name: 'Nadia Ouellet' }).waitFor();
  };

  it('records an interaction: labelled fields, the API\'s field errors next to them, the entry in the timeline without a reload', async () => {
    page.expectConsoleError(/status of 400 \(Bad Request\).*\/v1\/interactions/);
    await openPerson('caseworker');
    await page.page.evaluate(() => ((globalThis as unknown as Json).__sameDocument = true));
    await page.page.getByRole('button', { name: 'Record interaction' }).click();
    const form = page.page.getByRole('form', { name: 'Record an interaction' });
    expect(await page.page.getByLabel('Channel', { exact: true }).first().evaluate((el) => el === (el.ownerDocument as unknown as Json).activeElement)).toBe(true);
    expect(await page.axeViolations()).toEqual([]);
    await page.screenshot('record-interaction');
    // An empty summary: the API answers 400 (problem details with field errors) and its message for "summary" shows next to the Summary field.
    await form.getByRole('button', { name: 'Save interaction' }).click();
    const summary = form.getByLabel('Summary');
    await page.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('#r-summary-error') !== null);
    expect(await summary.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#r-summary-error').innerText()).toMatch(/summary/i);
    expect(await page.axeViolations()).toEqual([]);
    await form.getByLabel('Channel').selectOption('counter');
    await summary.fill('Came to the counter about the heating');
    await form.getByLabel('Topics').fill('repairs, heating');
    await form.getByRole('button', { name: 'Save interaction' }).click();
    const entry = page.page.getByRole('region', { name: 'Timeline' }).locator('li', { hasText: 'Came to the counter about the heating' });
    await entry.waitFor();
    expect(await entry.innerText()).toMatch(/Counter[\s\S]*repairs, heating/);
    expect(await page.page.evaluate(() => (globalThis as unknown as Json).__sameDocument)).toBe(true);
  });

  it('sends the same Idempotency-Key when the first answer is lost, so the retry records once', async () => {
    page.expectConsoleError(/net::ERR_FAILED/);
    await openPerson('caseworker');
    const keys: string[] = [];
    let dropped = false;
    await page.page.route('**/v1/interactions', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch(); // the server records it…
      await route.abort('failed'); // …but the answer never reaches the browser
    });
    await page.page.getByRole('button', { name: 'Record interaction' }).click();
    const form = page.page.getByRole('form', { name: 'Record an interaction' });
    await form.getByLabel('Summary').fill('Phoned about the rent statement');
    await form.getByRole('button', { name: 'Save interaction' }).click();
    await page.page.getByRole('alert').filter({ hasText: 'could not be reached' }).waitFor();
    await form.getByRole('button', { name: 'Save interaction' }).click();
    await page.page.getByRole('region', { name: 'Timeline' }).locator('li', { hasText: 'Phoned about the rent statement' }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const timeline = await env.api<{ items: { summary?: string }[] }>('supervisor', 'GET', `/v1/parties/${partyId}/timeline?limit=100`);
    expect(timeline.items.filter((e) => e.summary === 'Phoned about the rent statement')).toHaveLength(1);
  });

  it('shows the record as known on a past minute (browser zone in, UTC out) with the differences to now highlighted', async () => {
    // The change must come after a minute the view can be asked about: wait for the next minute to begin.
    const minute = Math.floor(registeredAt / 60_000) * 60_000 + 60_000;
    if (Date.now() < minute) await page.page.waitForFunction((m) => Date.now() >= m, minute, { timeout: 70_000, polling: 200 });
    const added = await env.api<{ position: number }>('supervisor', 'POST', `/v1/parties/${partyId}/contact-points`, { kind: 'phone', value: '+44 20 7946 0999' });
    await env.api('supervisor', 'GET', `/v1/parties/${partyId}`, undefined, { 'X-Min-Position': String(added.position) });
    await openPerson('supervisor');
    expect(await page.page.getByRole('region', { name: 'Contact points' }).innerText()).toContain('0999');
    const local = await page.page.evaluate((ms) => {
      const d = new Date(ms);
      return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    }, minute);
    await page.page.getByLabel('As known on').fill(local);
    await page.page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.page.getByText(/Showing this record as it was known on/).waitFor();
    expect(new URL(page.page.url()).searchParams.get('asOf')).toBe(iso(minute));
    const contacts = page.page.getByRole('region', { name: 'Contact points' });
    await page.page.getByRole('region', { name: 'Changed since then' }).waitFor();
    expect(await contacts.innerText()).not.toContain('0999');
    expect(await contacts.innerText()).toContain('Changed since then');
    expect(await page.page.getByRole('region', { name: 'Changed since then' }).innerText()).toMatch(/Contact points[\s\S]*nadia@example\.org[\s\S]*0999/);
    expect(await page.axeViolations()).toEqual([]);
    await page.screenshot('time-travel');
    await page.page.getByRole('button', { name: 'Back to now' }).click();
    await page.page.waitForFunction(() => !(globalThis as unknown as { location: { search: string } }).location.search.includes('asOf'));
    await page.page.getByRole('region', { name: 'Contact points' }).getByText(/0999/).waitFor();
  });
});
