import { AUDITOR, CLERK, CORRESPONDENCE, correspondenceReceived, OTHER_PARTY, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { ReceiveCorrespondenceCommand } from './receive-correspondence.command';

const letter = correspondenceReceived(CORRESPONDENCE, [PARTY]).data;

describe('ReceiveCorrespondence', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), partyRegistered(OTHER_PARTY, 'benefits')));

  it('registers the letter at the time it was received', async () => {
    await spec.command(new ReceiveCorrespondenceCommand(letter, write(CLERK)));
    expect(await spec.appended()).toEqual([{ streamId: `correspondence-${CORRESPONDENCE}`, type: 'CorrespondenceReceived', data: letter }]);
    expect((await spec.events.readStream(`correspondence-${CORRESPONDENCE}`))[0].occurredAt).toBe(letter.receivedAt);
  });

  it('refuses a role that does not receive correspondence, and another department', async () => {
    expect(await spec.refused(() => spec.command(new ReceiveCorrespondenceCommand(letter, write(AUDITOR))))).toBe('AUTH.FORBIDDEN');
    expect(await spec.refused(() => spec.command(new ReceiveCorrespondenceCommand({ ...letter, department: 'benefits' }, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('needs the glass broken for a party held by another department; with a reason it grants the party', async () => {
    const about = { ...letter, partyIds: [OTHER_PARTY] };
    expect(await spec.refused(() => spec.command(new ReceiveCorrespondenceCommand(about, write(CLERK))))).toBe('AUTH.BREAK_GLASS_REQUIRED');
    await spec.command(new ReceiveCorrespondenceCommand(about, write(CLERK, { breakGlassReason: 'letter about her benefits and rent' })));
    expect((await spec.appended()).map((e) => e.type).sort()).toEqual(['CorrespondenceReceived', 'PartyAccessGranted', 'PartyRecordsAccessed']);
  });
});
