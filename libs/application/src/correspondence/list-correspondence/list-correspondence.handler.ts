import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CorrespondenceView, listCorrespondence, Page, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { readScope, requireAccess } from '../../access';
import { ListCorrespondenceQuery } from './list-correspondence.query';

@QueryHandler(ListCorrespondenceQuery)
export class ListCorrespondenceHandler implements IQueryHandler<ListCorrespondenceQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  execute({ filter, principal }: ListCorrespondenceQuery): Promise<Page<CorrespondenceView>> {
    requireAccess(principal, 'correspondence.read');
    return listCorrespondence(this.views, { ...filter, departments: readScope(principal).departments ?? undefined });
  }
}
