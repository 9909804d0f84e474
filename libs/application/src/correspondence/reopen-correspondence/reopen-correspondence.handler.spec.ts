import { CASEWORKER, CLERK, CORRESPONDENCE, correspondenceReceived, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { ReopenCorrespondenceCommand } from './reopen-correspondence.command';

const reopening = { correspondenceId: CORRESPONDENCE, reason: 'citizen wrote again', dueAt: '2024-04-01T09:00:00.000Z' };

describe('ReopenCorrespondence', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), correspondenceReceived(CORRESPONDENCE, [PARTY])));

  it('reopens a closed case', async () => {
    await spec.given({ type: 'CorrespondenceClosed', data: { correspondenceId: CORRESPONDENCE, partyIds: [PARTY], resolution: 'resolved' } });
    await spec.command(new ReopenCorrespondenceCommand(reopening, write(CASEWORKER)));
    expect(await spec.appended()).toEqual([{ streamId: `correspondence-${CORRESPONDENCE}`, type: 'CorrespondenceReopened', data: { ...reopening, partyIds: [PARTY] } }]);
  });

  it('refuses a role that does not handle correspondence', async () => {
    expect(await spec.refused(() => spec.command(new ReopenCorrespondenceCommand(reopening, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('answers CORRESPONDENCE.INVALID_TRANSITION for an open case', async () => {
    expect(await spec.refused(() => spec.command(new ReopenCorrespondenceCommand(reopening, write(CASEWORKER))))).toBe('CORRESPONDENCE.INVALID_TRANSITION');
  });
});
