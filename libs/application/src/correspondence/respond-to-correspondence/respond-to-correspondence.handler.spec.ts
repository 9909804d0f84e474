import { CASEWORKER, CLERK, CORRESPONDENCE, correspondenceReceived, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { RespondToCorrespondenceCommand } from './respond-to-correspondence.command';

const response = { correspondenceId: CORRESPONDENCE, summary: 'Repair booked', channel: 'letter' as const };
const assigned = { type: 'CorrespondenceAssigned' as const, data: { correspondenceId: CORRESPONDENCE, partyIds: [PARTY], assigneeId: 'caseworker-1' } };

describe('RespondToCorrespondence', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), correspondenceReceived(CORRESPONDENCE, [PARTY])));

  it('records the response to an assigned letter', async () => {
    await spec.given(assigned);
    await spec.command(new RespondToCorrespondenceCommand(response, write(CASEWORKER)));
    expect(await spec.appended()).toEqual([{ streamId: `correspondence-${CORRESPONDENCE}`, type: 'CorrespondenceResponded', data: { ...response, partyIds: [PARTY], attachments: [] } }]);
  });

  it('refuses a role that does not handle correspondence', async () => {
    await spec.given(assigned);
    expect(await spec.refused(() => spec.command(new RespondToCorrespondenceCommand(response, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('answers CORRESPONDENCE.NOT_ASSIGNED before it is assigned', async () => {
    expect(await spec.refused(() => spec.command(new RespondToCorrespondenceCommand(response, write(CASEWORKER))))).toBe('CORRESPONDENCE.NOT_ASSIGNED');
  });
});
