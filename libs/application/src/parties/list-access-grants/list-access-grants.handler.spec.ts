import { AUDITOR, CLERK, PARTY, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { ListAccessGrantsQuery } from './list-access-grants.query';

const GRANT = '7d1f3c5e-0007-4000-8000-000000000001';

describe('ListAccessGrants', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(
    partyRegistered(PARTY, 'housing'),
    { type: 'PartyAccessGranted', data: { partyId: PARTY, grantId: GRANT, department: 'benefits', reason: 'called about rent', basis: 'break-glass' } },
  ));

  it('lists break-glass grants, filtered', async () => {
    expect((await spec.query(new ListAccessGrantsQuery({ partyId: PARTY }, AUDITOR))).items).toMatchObject([{ id: GRANT, department: 'benefits', status: 'active' }]);
    expect((await spec.query(new ListAccessGrantsQuery({ status: 'revoked' }, AUDITOR))).items).toEqual([]);
  });

  it('refuses staff', async () => {
    expect(await spec.refused(() => spec.query(new ListAccessGrantsQuery({}, CLERK)))).toBe('AUTH.FORBIDDEN');
  });
});
