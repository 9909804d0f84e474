import { CLERK, PARTY, partyRegistered, PRIVACY_OFFICER, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { ReleaseLegalHoldCommand } from './release-legal-hold.command';

const HOLD = '7d1f3c5e-0006-4000-8000-000000000001';
const release = { partyId: PARTY, holdId: HOLD, reason: 'case settled' };

describe('ReleaseLegalHold', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), { type: 'LegalHoldPlaced', data: { partyId: PARTY, holdId: HOLD, reason: 'litigation' } }));

  it('releases the hold', async () => {
    await spec.command(new ReleaseLegalHoldCommand(release, write(PRIVACY_OFFICER)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'LegalHoldReleased', data: release }]);
  });

  it('refuses anyone but the privacy officer', async () => {
    expect(await spec.refused(() => spec.command(new ReleaseLegalHoldCommand(release, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });
});
