import { AUDITOR, PARTY, partyRegistered, PRIVACY_OFFICER, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { RevokePartyAccessCommand } from './revoke-party-access.command';

const GRANT = '7d1f3c5e-0007-4000-8000-000000000001';
const revocation = { partyId: PARTY, grantId: GRANT, reason: 'contact recorded in error' };

describe('RevokePartyAccess', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(
    partyRegistered(PARTY, 'housing'),
    { type: 'PartyAccessGranted', data: { partyId: PARTY, grantId: GRANT, department: 'benefits', reason: 'called about rent', basis: 'break-glass' } },
  ));

  it("revokes the department's grant", async () => {
    await spec.command(new RevokePartyAccessCommand(revocation, write(PRIVACY_OFFICER)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'PartyAccessRevoked', data: { ...revocation, department: 'benefits' } }]);
  });

  it('refuses anyone but the privacy officer', async () => {
    expect(await spec.refused(() => spec.command(new RevokePartyAccessCommand(revocation, write(AUDITOR))))).toBe('AUTH.FORBIDDEN');
  });
});
