import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccessGrantView, COLLECTIONS, Condition, findPage, Page, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { requireAccess } from '../../access';
import { ListAccessGrantsQuery } from './list-access-grants.query';

@QueryHandler(ListAccessGrantsQuery)
export class ListAccessGrantsHandler implements IQueryHandler<ListAccessGrantsQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  execute({ filter, principal }: ListAccessGrantsQuery): Promise<Page<AccessGrantView>> {
    requireAccess(principal, 'party.access-grants');
    const where: Condition[] = [];
    if (filter.partyId) where.push({ field: 'partyId', op: 'eq', value: filter.partyId });
    if (filter.department) where.push({ field: 'department', op: 'eq', value: filter.department });
    if (filter.status) where.push({ field: 'status', op: 'eq', value: filter.status });
    return findPage<AccessGrantView>(this.views, COLLECTIONS.accessGrants, where, [{ field: 'grantedAt', direction: 'desc' }, { field: 'id', direction: 'desc' }], filter.limit ?? 50, filter.cursor);
  }
}
