import { Request } from 'playwright-core';
import { closeEachPageCheckingErrors, ConsoleEnv, ConsolePage, describeInBrowser } from './support/console-env';
import { PersonFixture, personWithStory } from './support/fixtures';

/** Search, the consolidated view and the timeline of one person, as a housing supervisor sees them. */
describeInBrowser('console: search, consolidated view, timeline', () => {
  const env = new ConsoleEnv();
  let person: PersonFixture;
  let page: ConsolePage;
  beforeAll(async () => {
    await env.start();
    person = await personWithStory(env);
  });
  afterAll(() => env.stop());
  beforeEach(async () => {
    page = await env.page();
    await page.open('/');
    await page.signIn(await env.token('supervisor'));
  });
  closeEachPageCheckingErrors(() => page);

  it('searches as you type, accent- and case-insensitively, with one request once typing pauses', async () => {
    const searches: Request[] = [];
    page.page.on('request', (r) => r.url().includes('/v1/parties?') && searches.push(r));
    await page.page.getByLabel('Search people').pressSequentially('amelie', { delay: 20 });
    const hit = page.page.getByRole('link', { name: 'Amélie Tremblay-Gagnon' });
    await hit.waitFor();
    expect(searches.length).toBeLessThan('amelie'.length);
    expect(new URL(searches[searches.length - 1].url()).searchParams.get('q')).toBe('amelie');
    expect(await page.axeViolations()).toEqual([]);
    await page.screenshot('search');
    // An exact identifier, phone number or e-mail finds her alone (the name search above found two Amélies);
    // the count is the new search's: a previous search's results are never left on screen.
    for (const [query, param] of [['C-777001', 'identifier'], ['020 7946 0018', 'phone'], ['AMELIE.TG@example.org', 'email']] as const) {
      await page.page.getByLabel('Search people').fill(query);
      await page.page.getByRole('status').filter({ hasText: '1 found' }).waitFor();
      expect(await page.page.getByRole('list', { name: 'Search results' }).getByRole('link').allInnerTexts()).toEqual(['Amélie Tremblay-Gagnon']);
      expect(new URL(searches[searches.length - 1].url()).searchParams.get(param)).toBe(query);
    }
    // Results tell namesakes apart by a masked hint, never the whole address.
    const results = await page.page.getByRole('list', { name: 'Search results' }).innerText();
    expect(results).toContain('•••');
    expect(results).not.toContain('amelie.tg@example.org');
    await page.page.getByLabel('Search people').fill('Zygmunt Nobody');
    await page.page.getByRole('status').filter({ hasText: 'No one matches' }).waitFor();
    expect(await page.page.getByRole('list', { name: 'Search results' }).count()).toBe(0);
  });

  it('opens the person from the results: name as the h1 (focused), contacts, identifiers, relationships, consents, open correspondence, counts', async () => {
    await page.page.getByLabel('Search people').fill('Tremblay-Gagnon');
    await page.page.getByRole('link', { name: 'Amélie Tremblay-Gagnon' }).click();
    const h1 = page.page.getByRole('heading', { level: 1, name: 'Amélie Tremblay-Gagnon' });
    await h1.waitFor();
    expect(await h1.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    const section = (name: string) => page.page.getByRole('region', { name });
    expect(await section('Contact points').innerText()).toContain('amelie.tg@example.org');
    expect(await section('Identifiers').innerText()).toContain('C-777001');
    expect(await section('Consents').innerText()).toContain('newsletter');
    await section('Consents').locator('summary', { hasText: 'Consent history' }).click();
    expect(await section('Consents').getByRole('row').count()).toBe(4);
    const open = await section('Open correspondence').innerText();
    expect(open).toMatch(/Complaint about damp in the flat.*Overdue/);
    expect(open).toMatch(/Request for a repairs visit.*Due soon/);
    // In colour as well as in words: the two states are drawn differently.
    const colour = (cls: string) => section('Open correspondence').locator(cls).evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color);
    expect(await colour('.sla-overdue')).not.toBe(await colour('.sla-due-soon'));
    const counts = await section('Contacts per channel').innerText();
    expect(counts).toMatch(/Phone: 8/);
    expect(counts).toMatch(/Last contact/);
    expect(await page.axeViolations()).toEqual([]);
    await page.screenshot('person');
    await section('Relationships').getByRole('link').click();
    await page.page.getByRole('heading', { level: 1, name: 'Jean Tremblay' }).waitFor();
  });

  it('works with the keyboard alone: skip link, search, open a result', async () => {
    const active = () => page.page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { tagName: string; id: string; textContent: string } | null } }).document.activeElement;
      return el ? `${el.tagName.toLowerCase()}#${el.id}:${el.textContent?.trim().slice(0, 40)}` : '';
    });
    await page.page.reload(); // start from the top of a freshly loaded page
    await page.page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor();
    await page.page.keyboard.press('Tab');
    expect(await active()).toMatch(/^a#:Skip to main content/);
    await page.page.keyboard.press('Enter');
    expect(await active()).toMatch(/^main#main/);
    await page.page.keyboard.press('Tab');
    expect(await active()).toMatch(/^input#search/);
    await page.page.keyboard.type('Tremblay-Gagnon');
    await page.page.getByRole('link', { name: 'Amélie Tremblay-Gagnon' }).waitFor();
    await page.page.keyboard.press('Tab');
    expect(await active()).toMatch(/^a#:Amélie Tremblay-Gagnon/);
    await page.page.keyboard.press('Enter');
    await page.page.getByRole('heading', { level: 1, name: 'Amélie Tremblay-Gagnon' }).waitFor();
    expect(await active()).toMatch(/^h1#:Amélie Tremblay-Gagnon/);
  });

  it('shows the timeline newest first with channel labels, filters it, pages with "Older", and shows corrections beside the original', async () => {
    await page.open(`/parties/${person.id}`);
    const timeline = page.page.getByRole('region', { name: 'Timeline' });
    const entries = timeline.getByRole('list', { name: /newest first/ }).locator(':scope > li');
    await entries.first().waitFor();
    const times = await entries.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') as string));
    expect(times).toEqual([...times].sort().reverse());
    expect(await timeline.getByText('Phone', { exact: true }).count()).toBeGreaterThan(0);
    const firstPage = await entries.count();
    await timeline.getByRole('button', { name: 'Older' }).click();
    await page.page.waitForFunction((n) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('.entries > li').length > n, firstPage);
    const correction = timeline.locator('li.correction');
    expect(await correction.innerText()).toMatch(/Correction[\s\S]*wrong words[\s\S]*was: Contact number 1[\s\S]*now: Contact number 1, boiler leaking/);
    expect(await timeline.getByText('Corrected later').count()).toBe(1);
    await timeline.getByLabel('Channel').selectOption('letter');
    await timeline.getByRole('button', { name: 'Apply filters' }).click();
    await page.page.waitForFunction(() => {
      const labels = [...(globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ textContent: string }> } }).document.querySelectorAll('.entries .entry-head .channel')].map((e) => e.textContent);
      return labels.length > 0 && labels.every((l) => l.includes('Letter'));
    });
    await timeline.getByLabel('From').fill(new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10));
    await timeline.getByRole('button', { name: 'Apply filters' }).click();
    await page.page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('.entries > li').length <= 3);
    expect(await page.axeViolations()).toEqual([]);
  });
});
