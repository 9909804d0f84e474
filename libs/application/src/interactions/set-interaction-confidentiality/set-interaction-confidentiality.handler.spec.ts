import { CASEWORKER, CLERK, INTERACTION, interactionRecorded, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { SetInteractionConfidentialityCommand } from './set-interaction-confidentiality.command';

const sensitive = { interactionId: INTERACTION, level: 'sensitive' as const, reason: 'health details' };

describe('SetInteractionConfidentiality', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), interactionRecorded(INTERACTION, [PARTY])));

  it('sets the level', async () => {
    await spec.command(new SetInteractionConfidentialityCommand(sensitive, write(CASEWORKER)));
    expect(await spec.appended()).toEqual([{ streamId: `interaction-${INTERACTION}`, type: 'InteractionConfidentialitySet', data: { ...sensitive, partyIds: [PARTY] } }]);
  });

  it('refuses a role that does not classify', async () => {
    expect(await spec.refused(() => spec.command(new SetInteractionConfidentialityCommand(sensitive, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('refuses a level above the ones the role reads', async () => {
    expect(await spec.refused(() => spec.command(new SetInteractionConfidentialityCommand({ ...sensitive, level: 'restricted' }, write(CASEWORKER))))).toBe('AUTH.FORBIDDEN');
  });
});
