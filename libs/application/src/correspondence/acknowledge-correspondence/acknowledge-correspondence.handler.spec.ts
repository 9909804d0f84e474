import { CASEWORKER, CLERK, CORRESPONDENCE, correspondenceReceived, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { AcknowledgeCorrespondenceCommand } from './acknowledge-correspondence.command';

const ack = { correspondenceId: CORRESPONDENCE, note: 'receipt sent' };

describe('AcknowledgeCorrespondence', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), correspondenceReceived(CORRESPONDENCE, [PARTY])));

  it('acknowledges received correspondence', async () => {
    await spec.command(new AcknowledgeCorrespondenceCommand(ack, write(CASEWORKER)));
    expect(await spec.appended()).toEqual([{ streamId: `correspondence-${CORRESPONDENCE}`, type: 'CorrespondenceAcknowledged', data: { ...ack, partyIds: [PARTY] } }]);
  });

  it('refuses a role that does not handle correspondence', async () => {
    expect(await spec.refused(() => spec.command(new AcknowledgeCorrespondenceCommand(ack, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('answers CORRESPONDENCE.NOT_FOUND for a letter never received', async () => {
    expect(await spec.refused(() => spec.command(new AcknowledgeCorrespondenceCommand({ correspondenceId: PARTY }, write(CASEWORKER))))).toBe('CORRESPONDENCE.NOT_FOUND');
  });
});
