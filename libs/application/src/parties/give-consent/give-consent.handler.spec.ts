import { AUDITOR, PARTY, partyRegistered, PRIVACY_OFFICER, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { GiveConsentCommand } from './give-consent.command';

const reminders = { partyId: PARTY, purpose: 'appointment-reminders', channel: 'sms' as const, evidence: 'signed form' };

describe('GiveConsent', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('records the consent (a privacy officer acts for any department)', async () => {
    await spec.command(new GiveConsentCommand(reminders, write(PRIVACY_OFFICER)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'ConsentGiven', data: reminders }]);
  });

  it('refuses a role that does not record consent', async () => {
    expect(await spec.refused(() => spec.command(new GiveConsentCommand(reminders, write(AUDITOR))))).toBe('AUTH.FORBIDDEN');
  });
});
