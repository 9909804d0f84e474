import { CASEWORKER, CLERK, OTHER_PARTY, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { UnlinkRelationshipCommand } from './unlink-relationship.command';

const RELATIONSHIP = '7d1f3c5e-0005-4000-8000-000000000001';
const unlink = { partyId: PARTY, relationshipId: RELATIONSHIP, reason: 'guardianship ended' };

describe('UnlinkRelationship', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(
    partyRegistered(PARTY, 'housing'), partyRegistered(OTHER_PARTY, 'housing'),
    { type: 'RelationshipLinked', data: { partyId: PARTY, relationshipId: RELATIONSHIP, kind: 'guardian', toPartyId: OTHER_PARTY } },
  ));

  it('ends the relationship', async () => {
    await spec.command(new UnlinkRelationshipCommand(unlink, write(CASEWORKER)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'RelationshipUnlinked', data: { ...unlink, toPartyId: OTHER_PARTY } }]);
  });

  it('refuses a role that does not relate parties', async () => {
    expect(await spec.refused(() => spec.command(new UnlinkRelationshipCommand(unlink, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });
});
