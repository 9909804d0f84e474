import { CLERK, OTHER_PARTY, PARTY, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { SearchPartiesQuery } from './search-parties.query';

describe('SearchParties', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(
    partyRegistered(PARTY, 'housing'), { type: 'IdentifierAdded', data: { partyId: PARTY, scheme: 'client-number', value: 'C-1' } },
    partyRegistered(OTHER_PARTY, 'benefits', 'Byron Lovelace'), { type: 'IdentifierAdded', data: { partyId: OTHER_PARTY, scheme: 'client-number', value: 'C-2' } },
  ));

  it('finds a party the reader sees, as it may see it', async () => {
    const results = await spec.query(new SearchPartiesQuery({ identifier: 'C-1', limit: 10 }, CLERK));
    expect(results).toMatchObject([{ visible: true, party: { id: PARTY, name: { full: 'Ada Lovelace' } } }]);
  });

  it("answers an exact match on another department's party with a stub only", async () => {
    expect(await spec.query(new SearchPartiesQuery({ identifier: 'C-2', limit: 10 }, CLERK))).toEqual([{ visible: false, stub: { id: OTHER_PARTY, heldByAnotherDepartment: true } }]);
  });

  it("leaves another department's party out of a name search", async () => {
    expect(await spec.query(new SearchPartiesQuery({ q: 'Byron', limit: 10 }, CLERK))).toEqual([]);
  });
});
