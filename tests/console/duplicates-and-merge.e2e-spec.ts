import { closeEachPageCheckingErrors, ConsoleEnv, ConsolePage, describeInBrowser } from './support/console-env';

/** Supervisors see parties sharing an exact e-mail, phone or identifier, merge them and undo a merge. */
describeInBrowser('console: duplicates, merge and unmerge', () => {
  const env = new ConsoleEnv();
  let keptId: string;
  let otherId: string;
  let page: ConsolePage;
  beforeAll(async () => {
    await env.start();
    const register = (full: string) => env.api<{ id: string; position: number }>('supervisor', 'POST', '/v1/parties', {
      kind: 'person', name: { full }, contactPoints: [{ kind: 'email', value: 'shared.duplicate@example.org' }], department: 'housing',
    });
    ({ id: keptId } = await register('Paul Roy'));
    const other = await register('Paul A. Roy');
    otherId = other.id;
    await env.api('supervisor', 'GET', `/v1/parties/${otherId}`, undefined, { 'X-Min-Position': String(other.position) });
  });
  afterAll(() => env.stop());
  beforeEach(async () => {
    page = await env.page();
    await page.open('/');
    await page.signIn(await env.token('supervisor', { sub: 'supervisor-3' }));
  });
  closeEachPageCheckingErrors(() => page);

  it('lists the candidates with a masked hint and merges the others into the record chosen to keep', async () => {
    await page.page.getByRole('navigation').getByRole('link', { name: 'Duplicates' }).click();
    await page.page.getByRole('heading', { level: 1, name: 'Possible duplicates' }).waitFor();
    const group = page.page.getByRole('region', { name: /^E-mail: / });
    await group.waitFor();
    expect(await group.getByRole('heading').innerText()).not.toContain('shared.duplicate@example.org');
    expect(await page.axeViolations()).toEqual([]);
    await page.screenshot('duplicates');
    await group.getByRole('radio', { name: 'Paul Roy', exact: true }).check();
    await group.getByLabel('Reason').fill('same person, two registrations');
    await group.getByRole('button', { name: 'Merge into the record to keep' }).click();
    await page.page.getByRole('status').filter({ hasText: 'Merged into Paul Roy.' }).waitFor();
    const merged = await env.api<{ status: string; mergedInto: string | null }>('supervisor', 'GET', `/v1/parties/${otherId}`);
    expect(merged).toMatchObject({ status: 'merged', mergedInto: keptId });
  });

  it('undoes the merge from the merged record', async () => {
    await page.open(`/parties/${otherId}`);
    await page.page.getByRole('heading', { level: 1, name: 'Paul A. Roy' }).waitFor();
    await page.page.getByText('This record was merged into another record').waitFor();
    await page.page.getByRole('button', { name: 'Undo merge' }).click();
    await page.page.getByLabel('Reason').fill('two different people after all');
    await page.page.getByRole('button', { name: 'Undo merge' }).click();
    await page.page.getByText('This record was merged into another record').waitFor({ state: 'detached' });
    const view = await env.api<{ status: string; mergedInto: string | null }>('supervisor', 'GET', `/v1/parties/${otherId}`);
    expect(view).toMatchObject({ status: 'active', mergedInto: null });
  });
});
