import { CASEWORKER, OTHER_PARTY, PARTY, partyRegistered, SUPERVISOR, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { UnmergePartyCommand } from './unmerge-party.command';

const unmerge = { partyId: PARTY, reason: 'not the same person' };

describe('UnmergeParty', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(
    partyRegistered(PARTY, 'housing'), partyRegistered(OTHER_PARTY, 'housing'),
    { type: 'PartyMerged', data: { partyId: PARTY, survivorPartyId: OTHER_PARTY, reason: 'duplicate' } },
  ));

  it('reverses the merge', async () => {
    await spec.command(new UnmergePartyCommand(unmerge, write(SUPERVISOR)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'PartyUnmerged', data: { ...unmerge, survivorPartyId: OTHER_PARTY } }]);
  });

  it('refuses a role that does not merge', async () => {
    expect(await spec.refused(() => spec.command(new UnmergePartyCommand(unmerge, write(CASEWORKER))))).toBe('AUTH.FORBIDDEN');
  });
});
