import { Query } from '@nestjs/cqrs';
import { PartySearch, PartyView } from '@civic-ledger/read-models';
import type { Principal } from '../../access/roles';

/**
 * A search hit: the party as the reader may see it with a masked hint (partial e-mail, phone or identifier)
 * to tell namesakes apart, or a stub of an exact match held by another department.
 */
export type SearchResult = { visible: true; party: PartyView; hint: string | null } | { visible: false; stub: { id: string; heldByAnotherDepartment: true } };

export class SearchPartiesQuery extends Query<SearchResult[]> {
  constructor(readonly criteria: PartySearch, readonly principal: Principal) {
    super();
  }
}
