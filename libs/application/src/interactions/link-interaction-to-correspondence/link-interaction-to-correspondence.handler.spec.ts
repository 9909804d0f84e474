import {
  CASEWORKER, CLERK, CORRESPONDENCE, correspondenceReceived, INTERACTION, interactionRecorded, PARTY, partyRegistered, useCaseSpec, write,
} from '../../testing/use-case.spec-kit';
import { LinkInteractionToCorrespondenceCommand } from './link-interaction-to-correspondence.command';

const link = { interactionId: INTERACTION, correspondenceId: CORRESPONDENCE };

describe('LinkInteractionToCorrespondence', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), interactionRecorded(INTERACTION, [PARTY])));

  it('links the contact to correspondence the principal handles', async () => {
    await spec.given(correspondenceReceived(CORRESPONDENCE, [PARTY]));
    await spec.command(new LinkInteractionToCorrespondenceCommand(link, write(CASEWORKER)));
    expect(await spec.appended()).toEqual([{ streamId: `interaction-${INTERACTION}`, type: 'InteractionLinkedToCorrespondence', data: { ...link, partyIds: [PARTY] } }]);
  });

  it('refuses a role that does not link', async () => {
    await spec.given(correspondenceReceived(CORRESPONDENCE, [PARTY]));
    expect(await spec.refused(() => spec.command(new LinkInteractionToCorrespondenceCommand(link, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it("refuses another department's correspondence, and answers CORRESPONDENCE.NOT_FOUND for none", async () => {
    expect(await spec.refused(() => spec.command(new LinkInteractionToCorrespondenceCommand(link, write(CASEWORKER))))).toBe('CORRESPONDENCE.NOT_FOUND');
    await spec.given(correspondenceReceived(CORRESPONDENCE, [PARTY], { department: 'benefits' }));
    expect(await spec.refused(() => spec.command(new LinkInteractionToCorrespondenceCommand(link, write(CASEWORKER))))).toBe('AUTH.FORBIDDEN');
  });
});
