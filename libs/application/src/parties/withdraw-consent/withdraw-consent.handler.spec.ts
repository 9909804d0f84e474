import { BENEFITS_CLERK, CLERK, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { WithdrawConsentCommand } from './withdraw-consent.command';

const withdrawal = { partyId: PARTY, purpose: 'surveys', channel: 'email' as const, reason: 'asked by phone' };

describe('WithdrawConsent', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('withdraws consent in force', async () => {
    await spec.given({ type: 'ConsentGiven', data: { partyId: PARTY, purpose: 'surveys', channel: 'email' } });
    await spec.command(new WithdrawConsentCommand(withdrawal, write(CLERK)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'ConsentWithdrawn', data: withdrawal }]);
  });

  it('refuses staff of a department that does not see the party', async () => {
    expect(await spec.refused(() => spec.command(new WithdrawConsentCommand(withdrawal, write(BENEFITS_CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('answers PARTY.CONSENT_NOT_GIVEN when none is in force', async () => {
    expect(await spec.refused(() => spec.command(new WithdrawConsentCommand(withdrawal, write(CLERK))))).toBe('PARTY.CONSENT_NOT_GIVEN');
  });
});
