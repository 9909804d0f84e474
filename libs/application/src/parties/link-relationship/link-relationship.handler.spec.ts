import { CASEWORKER, CLERK, OTHER_PARTY, PARTY, partyRegistered, UNKNOWN_PARTY, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { LinkRelationshipCommand } from './link-relationship.command';

const link = { partyId: PARTY, relationshipId: '7d1f3c5e-0005-4000-8000-000000000001', kind: 'guardian' as const, toPartyId: OTHER_PARTY };

describe('LinkRelationship', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('links two parties the principal sees', async () => {
    await spec.given(partyRegistered(OTHER_PARTY, 'housing', 'Byron Lovelace'));
    await spec.command(new LinkRelationshipCommand(link, write(CASEWORKER)));
    expect(await spec.appended()).toMatchObject([{ streamId: `party-${PARTY}`, type: 'RelationshipLinked', data: link }]);
  });

  it('refuses when the other party is held by a department the principal does not work for', async () => {
    await spec.given(partyRegistered(OTHER_PARTY, 'benefits'));
    expect(await spec.refused(() => spec.command(new LinkRelationshipCommand(link, write(CASEWORKER))))).toBe('AUTH.FORBIDDEN');
  });

  it('refuses a role that does not relate parties', async () => {
    await spec.given(partyRegistered(OTHER_PARTY, 'housing'));
    expect(await spec.refused(() => spec.command(new LinkRelationshipCommand(link, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('answers PARTY.NOT_FOUND for an other party never registered, or erased', async () => {
    expect(await spec.refused(() => spec.command(new LinkRelationshipCommand({ ...link, toPartyId: UNKNOWN_PARTY }, write(CASEWORKER))))).toBe('PARTY.NOT_FOUND');
    await spec.given(partyRegistered(OTHER_PARTY, 'housing'), { type: 'PartyErased', data: { partyId: OTHER_PARTY, legalBasis: 'GDPR Art. 17' } });
    expect(await spec.refused(() => spec.command(new LinkRelationshipCommand(link, write(CASEWORKER))))).toBe('PARTY.NOT_FOUND');
  });
});
