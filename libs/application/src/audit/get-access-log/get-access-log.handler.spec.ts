import { AccessRecords } from '../../shared/access-records';
import { AUDITOR, CLERK, OTHER_PARTY, PARTY, SERVICE, SUPERVISOR, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { AccessLogQuery } from './get-access-log.query';

describe('AccessLog', () => {
  const spec = useCaseSpec();
  beforeEach(async () => {
    await spec.given(partyRegistered(PARTY, 'housing'), partyRegistered(OTHER_PARTY, 'housing'));
    const records = spec.get(AccessRecords);
    records.record(CLERK, PARTY, 'party');
    records.record(SUPERVISOR, PARTY, 'timeline', 'complaint review');
    records.record(CLERK, OTHER_PARTY, 'party');
    records.record(SERVICE, PARTY, 'party');
    await records.log.flush();
  });

  it("lists who looked at a party, newest first (machine clients' reads are not recorded)", async () => {
    const page = await spec.query(new AccessLogQuery(AUDITOR, { partyId: PARTY }, 10));
    expect(page.items.map(({ actor, endpoint, purpose }) => ({ actor, endpoint, purpose }))).toEqual([
      { actor: SUPERVISOR.sub, endpoint: 'timeline', purpose: 'complaint review' }, { actor: CLERK.sub, endpoint: 'party', purpose: undefined },
    ]);
  });

  it('lists what a user looked at', async () => {
    expect((await spec.query(new AccessLogQuery(AUDITOR, { actor: CLERK.sub }, 10))).items.map((e) => e.partyId).sort()).toEqual([PARTY, OTHER_PARTY].sort());
  });

  it('is refused to staff: only auditors and the privacy officer read the access ledger', async () => {
    expect(await spec.refused(() => spec.query(new AccessLogQuery(SUPERVISOR, { partyId: PARTY }, 10)))).toBe('AUTH.FORBIDDEN');
  });
});
