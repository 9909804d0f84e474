import { readFileSync } from 'node:fs';
import { closeEachPageCheckingErrors, ConsoleEnv, ConsolePage, describeInBrowser, Role } from './support/console-env';
import { iso } from './support/fixtures';

/** Auditors verify the chains, see who looked at a person and download the bundle; the privacy officer erases and revokes grants. */
describeInBrowser('console: auditor and privacy officer', () => {
  const env = new ConsoleEnv();
  let partyId: string;
  let heldId: string;
  let page: ConsolePage;
  beforeAll(async () => {
    await env.start();
    const register = (full: string) => env.api<{ id: string }>('supervisor', 'POST', '/v1/parties', { kind: 'person', name: { full }, department: 'housing' });
    ({ id: partyId } = await register('Sophie Bélanger'));
    ({ id: heldId } = await register('Luc Pelletier'));
    await env.api('privacy-officer', 'POST', `/v1/parties/${heldId}/legal-holds`, { reason: 'litigation ref 55/2026' });
    // A benefits caseworker breaks the glass to record a contact with a housing party: a grant to review.
    const benefits = await env.token('caseworker', { sub: 'benefits-cw', departments: ['benefits'] });
    const recorded = await env.api<{ position: number }>({ token: benefits }, 'POST', '/v1/interactions', {
      channel: 'phone', direction: 'inbound', occurredAt: iso(Date.now() - 60_000), partyIds: [partyId], department: 'benefits', topics: ['benefit-claim'],
      summary: 'Asked about a benefit claim', confidentiality: 'normal', breakGlass: { reason: 'urgent benefit claim' },
    });
    // Someone looks at the person (the access ledger's "viewed"), once the grant has been projected; a clerk's search lists it.
    await env.api('supervisor', 'GET', `/v1/parties/${partyId}`, undefined, { 'X-Min-Position': String(recorded.position) });
    const clerk = await env.token('clerk', { sub: 'clerk-searching' });
    await env.api({ token: clerk }, 'GET', `/v1/parties?q=${encodeURIComponent('Bélanger')}`);
  });
  afterAll(() => env.stop());
  closeEachPageCheckingErrors(() => page);
  const signInAs = async (role: Role, path: string) => {
    page = await env.page();
    await page.open(path);
    await page.signIn(await env.token(role, { sub: `${role}-7` }));
  };

  it('verifies the chains', async () => {
    await signInAs('auditor', '/');
    await page.page.getByRole('navigation').getByRole('link', { name: 'Audit' }).click();
    await page.page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
    await page.page.getByRole('button', { name: 'Verify the chains' }).click();
    await page.page.getByText('Every chain is intact.').waitFor();
    expect(await page.page.getByRole('region', { name: 'Verify the ledger' }).innerText()).toMatch(/\d+ events in \d+ streams/);
    expect(await page.axeViolations()).toEqual([]);
    await page.screenshot('audit');
  });

  it('shows who looked at this person and downloads the export bundle', async () => {
    await signInAs('auditor', `/parties/${partyId}`);
    await page.page.getByRole('link', { name: 'Audit and privacy' }).click();
    await page.page.getByRole('heading', { level: 1, name: 'Audit and privacy: Sophie Bélanger' }).waitFor();
    const log = page.page.getByRole('region', { name: 'Who looked at this person' });
    await log.getByRole('cell', { name: 'supervisor-1' }).first().waitFor();
    expect(await log.getByRole('cell', { name: 'clerk-searching' }).count()).toBe(0);
    // What was read is said in words from the catalogue, not as the API's endpoint name.
    expect(await log.getByRole('cell', { name: 'Opened the record', exact: true }).count()).toBeGreaterThan(0);
    expect(await log.getByRole('cell', { name: 'view', exact: true }).count()).toBe(0);
    expect(await page.axeViolations()).toEqual([]);
    // A search is one "listed" entry, kept apart from opening the record.
    await log.getByLabel('Show').selectOption('listed');
    await log.getByRole('cell', { name: 'clerk-searching' }).waitFor();
    expect(await log.getByRole('cell', { name: 'Listed in a search', exact: true }).count()).toBeGreaterThan(0);
    expect(await log.getByRole('cell', { name: 'supervisor-1' }).count()).toBe(0);
    const [download] = await Promise.all([page.page.waitForEvent('download'), page.page.getByRole('button', { name: 'Download export bundle' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^civic-ledger-bundle-${partyId}\\.(json|zip)$`));
    const bytes = readFileSync(await download.path());
    // The API's bundle as sent: a zip archive, or JSON holding the person's events.
    if (download.suggestedFilename().endsWith('.zip')) expect(bytes.subarray(0, 2).toString()).toBe('PK');
    else expect(bytes.toString()).toMatch(new RegExp(`PartyRegistered[\\s\\S]*${partyId}|${partyId}[\\s\\S]*PartyRegistered`));
  });

  it('lists break-glass grants and lets the privacy officer revoke one', async () => {
    await signInAs('privacy-officer', '/audit');
    const grants = page.page.getByRole('region', { name: 'Break-glass grants' });
    const row = grants.getByRole('row').filter({ hasText: 'urgent benefit claim' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/benefits[\s\S]*benefits-cw/);
    expect(await page.axeViolations()).toEqual([]);
    await row.getByLabel('Reason for revoking').fill('claim settled');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    const list = await env.api<{ items: { status: string; revokedBy?: string }[] }>('privacy-officer', 'GET', `/v1/access-grants?partyId=${partyId}`);
    expect(list.items).toEqual([expect.objectContaining({ status: 'revoked', revokedBy: 'privacy-officer-7' })]);
  });

  it('records an erasure request, warns about a legal hold, and shows the refusal to carry it out under the hold', async () => {
    page = await env.page();
    page.expectConsoleError(/status of 409/);
    await page.open(`/parties/${heldId}/audit`);
    await page.signIn(await env.token('privacy-officer', { sub: 'privacy-officer-7' }));
    await page.page.getByRole('heading', { level: 1, name: 'Audit and privacy: Luc Pelletier' }).waitFor();
    const erasure = page.page.getByRole('region', { name: 'Erasure' });
    expect(await erasure.innerText()).toMatch(/under legal hold[\s\S]*litigation ref 55\/2026/);
    expect(await page.axeViolations()).toEqual([]);
    await page.screenshot('erasure');
    await erasure.getByLabel('Legal basis').fill('GDPR art. 17 request 2026-114');
    await erasure.getByRole('button', { name: 'Record erasure request' }).click();
    await erasure.getByText(/Erasure requested on .*GDPR art\. 17 request 2026-114/).waitFor();
    await erasure.getByRole('button', { name: 'Carry out the erasure' }).click();
    await erasure.getByRole('alert').filter({ hasText: 'legal hold' }).waitFor();
  });
});
