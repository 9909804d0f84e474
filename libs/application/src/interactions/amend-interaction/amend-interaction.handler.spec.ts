import { BENEFITS_CLERK, CLERK, INTERACTION, interactionRecorded, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { AmendInteractionCommand } from './amend-interaction.command';

const amendment = { interactionId: INTERACTION, changes: { summary: 'Boiler and radiator broken' }, reason: 'call review' };

describe('AmendInteraction', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), interactionRecorded(INTERACTION, [PARTY])));

  it('records the correction next to the original', async () => {
    await spec.command(new AmendInteractionCommand(amendment, write(CLERK)));
    expect(await spec.appended()).toEqual([{
      streamId: `interaction-${INTERACTION}`, type: 'InteractionAmended',
      data: { interactionId: INTERACTION, partyIds: [PARTY], changes: amendment.changes, previous: { summary: 'Boiler broken' }, reason: 'call review' },
    }]);
  });

  it("refuses staff of another department", async () => {
    expect(await spec.refused(() => spec.command(new AmendInteractionCommand(amendment, write(BENEFITS_CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('refuses to move the contact to a department the principal does not work for', async () => {
    const move = { ...amendment, changes: { department: 'benefits' } };
    expect(await spec.refused(() => spec.command(new AmendInteractionCommand(move, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });
});
