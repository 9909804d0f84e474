import { closeEachPageCheckingErrors, ConsoleEnv, ConsolePage, describeInBrowser, Role } from './support/console-env';
import { iso } from './support/fixtures';

const DAY = 86_400_000;

/** The department queue and the correspondence lifecycle; what each role is offered comes from GET /v1/me. */
describeInBrowser('console: correspondence queue and lifecycle, role-aware actions', () => {
  const env = new ConsoleEnv();
  let partyId: string;
  let letterId: string;
  let page: ConsolePage;
  beforeAll(async () => {
    await env.start();
    ({ id: partyId } = await env.api<{ id: string }>('supervisor', 'POST', '/v1/parties', { kind: 'person', name: { full: 'Marc Lévesque' }, department: 'housing' }));
    const now = Date.now();
    const receive = (subject: string, dueInDays: number) => env.api<{ id: string; position: number }>('supervisor', 'POST', '/v1/correspondence', {
      partyIds: [partyId], channel: 'letter', subject, receivedAt: iso(now - 10 * DAY), dueAt: iso(now + dueInDays * DAY), department: 'housing',
    });
    await receive('Noise complaint', 9);
    ({ id: letterId } = await receive('Rent rebate question', -1));
    const last = await receive('Parking permit renewal', 1);
    await env.api('supervisor', 'GET', `/v1/correspondence/${letterId}`, undefined, { 'X-Min-Position': String(last.position) });
  });
  afterAll(() => env.stop());
  closeEachPageCheckingErrors(() => page);
  const signInAs = async (role: Role, path = '/') => {
    page = await env.page();
    await page.open(path);
    await page.signIn(await env.token(role, { sub: `${role}-7` }));
  };

  it('lists the department queue soonest due first, with the SLA state in words', async () => {
    await signInAs('caseworker');
    await page.page.getByRole('navigation').getByRole('link', { name: 'Correspondence' }).click();
    await page.page.getByRole('heading', { level: 1, name: 'Correspondence queue' }).waitFor();
    const rows = page.page.getByRole('table').getByRole('row');
    await rows.nth(3).waitFor();
    const subjects = await rows.locator('td:first-child').allInnerTexts();
    expect(subjects).toEqual(['Rent rebate question', 'Parking permit renewal', 'Noise complaint']);
    expect(await rows.nth(1).innerText()).toContain('Overdue');
    expect(await rows.nth(2).innerText()).toContain('Due soon');
    expect(await rows.nth(3).innerText()).toContain('On time');
    expect(await page.axeViolations()).toEqual([]);
    await page.screenshot('correspondence-queue');
  });

  it('takes a letter through acknowledge, assign, respond and close on its detail page', async () => {
    await signInAs('caseworker', `/correspondence/${letterId}`);
    await page.page.getByRole('heading', { level: 1, name: 'Rent rebate question' }).waitFor();
    const status = page.page.locator('dd.status');
    expect(await status.innerText()).toBe('Received');
    expect(await page.axeViolations()).toEqual([]);
    await page.screenshot('correspondence-detail');
    await page.page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.page.locator('dd.status', { hasText: 'Acknowledged' }).waitFor();
    await page.page.getByLabel('Assignee (staff id)').fill('caseworker-9');
    await page.page.getByRole('button', { name: 'Assign' }).click();
    await page.page.locator('dd.status', { hasText: 'Assigned' }).waitFor();
    expect(await page.page.getByText('caseworker-9').first().isVisible()).toBe(true);
    await page.page.getByLabel('Response summary').fill('Explained the rebate rules by letter');
    await page.page.getByRole('button', { name: 'Respond' }).click();
    await page.page.locator('dd.status', { hasText: 'Responded' }).waitFor();
    await page.page.getByLabel('Resolution').fill('Answered');
    await page.page.getByRole('button', { name: 'Close' }).click();
    await page.page.locator('dd.status', { hasText: 'Closed' }).waitFor();
    await page.page.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(await page.page.getByRole('region', { name: 'History' }).getByRole('listitem').count()).toBe(5);
  });

  it('offers an auditor no lifecycle steps, and no Record interaction', async () => {
    await signInAs('auditor', `/correspondence/${letterId}`);
    await page.page.getByRole('heading', { level: 1, name: 'Rent rebate question' }).waitFor();
    expect(await page.page.getByRole('region', { name: 'Next steps' }).count()).toBe(0);
    await page.open(`/parties/${partyId}`);
    await page.page.getByRole('heading', { level: 1, name: 'Marc Lévesque' }).waitFor();
    expect(await page.page.getByRole('button', { name: 'Record interaction' }).count()).toBe(0);
    expect(await page.page.getByRole('link', { name: 'Audit and privacy' }).count()).toBe(1);
  });

  it('offers a clerk Record interaction but neither correspondence, audit nor duplicates', async () => {
    await signInAs('clerk', `/parties/${partyId}`);
    await page.page.getByRole('heading', { level: 1, name: 'Marc Lévesque' }).waitFor();
    await page.page.getByRole('button', { name: 'Record interaction' }).waitFor();
    const nav = page.page.getByRole('navigation');
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Search']);
    expect(await page.page.getByLabel('As known on').count()).toBe(0);
    expect(await page.page.getByRole('link', { name: 'Audit and privacy' }).count()).toBe(0);
  });

  it('tells a clerk who types the address of a page the role may not use why, without an empty page', async () => {
    for (const [path, title] of [['/correspondence', 'Correspondence queue'], ['/audit', 'Audit']] as const) {
      await signInAs('clerk', path);
      await page.page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.page.getByRole('alert').filter({ hasText: 'Your role may not see or do this.' }).waitFor();
      expect(await page.page.getByRole('table').count()).toBe(0);
      expect(await page.page.getByRole('button').filter({ hasText: /Verify/ }).count()).toBe(0);
    }
  });
});
