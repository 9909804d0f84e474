import { BENEFITS_CLERK, CASEWORKER, CORRESPONDENCE, correspondenceReceived, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { AssignCorrespondenceCommand } from './assign-correspondence.command';

const assignment = { correspondenceId: CORRESPONDENCE, assigneeId: 'caseworker-7' };

describe('AssignCorrespondence', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), correspondenceReceived(CORRESPONDENCE, [PARTY])));

  it('assigns the letter', async () => {
    await spec.command(new AssignCorrespondenceCommand(assignment, write(CASEWORKER)));
    expect(await spec.appended()).toEqual([{ streamId: `correspondence-${CORRESPONDENCE}`, type: 'CorrespondenceAssigned', data: { ...assignment, partyIds: [PARTY] } }]);
  });

  it("refuses a caseworker of another department", async () => {
    expect(await spec.refused(() => spec.command(new AssignCorrespondenceCommand(assignment, write({ ...BENEFITS_CLERK, role: 'caseworker' }))))).toBe('AUTH.FORBIDDEN');
  });
});
