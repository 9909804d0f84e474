import { CLERK, PARTY, partyRegistered, PRIVACY_OFFICER, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { PlaceLegalHoldCommand } from './place-legal-hold.command';

const hold = { partyId: PARTY, holdId: '7d1f3c5e-0006-4000-8000-000000000001', reason: 'litigation' };

describe('PlaceLegalHold', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('places the hold', async () => {
    await spec.command(new PlaceLegalHoldCommand(hold, write(PRIVACY_OFFICER)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'LegalHoldPlaced', data: hold }]);
  });

  it('refuses anyone but the privacy officer', async () => {
    expect(await spec.refused(() => spec.command(new PlaceLegalHoldCommand(hold, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });
});
