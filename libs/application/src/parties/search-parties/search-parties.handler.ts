import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { READ_STORE, ReadStore, searchParties } from '@civic-ledger/read-models';
import { can, HintKind, partyHint, readScope, requireAccess } from '../../access';
import { liveCells, shownIn } from '../party-reads';
import { SearchPartiesQuery, SearchResult } from './search-parties.query';

@QueryHandler(SearchPartiesQuery)
export class SearchPartiesHandler implements IQueryHandler<SearchPartiesQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  /**
   * Parties the reader sees, as it may see them. An exact match (e-mail, phone, identifier; never a name) on
   * a party held by another department comes back as a stub, so staff break the glass instead of registering a duplicate.
   */
  async execute({ criteria, principal }: SearchPartiesQuery): Promise<SearchResult[]> {
    requireAccess(principal, 'party.read');
    const scope = readScope(principal);
    const exact = !criteria.q;
    const searchedFor: HintKind | undefined = criteria.email ? 'email' : criteria.phone ? 'phone' : criteria.identifier ? 'identifier' : undefined;
    const results: SearchResult[] = [];
    for (const party of await searchParties(this.views, criteria)) {
      if (can(principal, 'party.read', { kind: 'party', departments: party.departments })) {
        results.push({ visible: true, party: await shownIn(scope, party, liveCells(this.views, party)), hint: partyHint(party, searchedFor) });
      } else if (exact) {
        results.push({ visible: false, stub: { id: party.id, heldByAnotherDepartment: true } });
      }
    }
    return results;
  }
}
