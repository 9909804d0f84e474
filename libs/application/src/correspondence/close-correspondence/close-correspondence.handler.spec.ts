import { CLERK, CORRESPONDENCE, correspondenceReceived, PARTY, partyRegistered, SUPERVISOR, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { CloseCorrespondenceCommand } from './close-correspondence.command';

const closing = { correspondenceId: CORRESPONDENCE, resolution: 'resolved' };

describe('CloseCorrespondence', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), correspondenceReceived(CORRESPONDENCE, [PARTY])));

  it('closes the case', async () => {
    await spec.command(new CloseCorrespondenceCommand(closing, write(SUPERVISOR)));
    expect(await spec.appended()).toEqual([{ streamId: `correspondence-${CORRESPONDENCE}`, type: 'CorrespondenceClosed', data: { ...closing, partyIds: [PARTY] } }]);
  });

  it('refuses a role that does not handle correspondence', async () => {
    expect(await spec.refused(() => spec.command(new CloseCorrespondenceCommand(closing, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });
});
