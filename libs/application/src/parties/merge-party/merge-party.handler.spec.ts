import { CASEWORKER, OTHER_PARTY, PARTY, partyRegistered, SUPERVISOR, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { MergePartyCommand } from './merge-party.command';

const THIRD_PARTY = '7d1f3c5e-0001-4000-8000-000000000003';
const merge = { partyId: PARTY, survivorPartyId: OTHER_PARTY, reason: 'duplicate registration' };

describe('MergeParty', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), partyRegistered(OTHER_PARTY, 'housing')));

  it('merges the duplicate into the survivor', async () => {
    await spec.command(new MergePartyCommand(merge, write(SUPERVISOR)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'PartyMerged', data: merge }]);
  });

  it('refuses a role that does not merge', async () => {
    expect(await spec.refused(() => spec.command(new MergePartyCommand(merge, write(CASEWORKER))))).toBe('AUTH.FORBIDDEN');
  });

  it('answers PARTY.NOT_FOUND when the survivor is itself merged into another party', async () => {
    await spec.given(partyRegistered(THIRD_PARTY, 'housing'), { type: 'PartyMerged', data: { partyId: OTHER_PARTY, survivorPartyId: THIRD_PARTY, reason: 'duplicate' } });
    expect(await spec.refused(() => spec.command(new MergePartyCommand(merge, write(SUPERVISOR))))).toBe('PARTY.NOT_FOUND');
  });
});
