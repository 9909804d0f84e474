import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireAccess } from '../../access/access-policy';
import { AccessLogEntry, findAccess, Page, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { AccessLogQuery } from './get-access-log.query';

@QueryHandler(AccessLogQuery)
export class AccessLogHandler implements IQueryHandler<AccessLogQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  execute({ principal, by, limit, cursor, access }: AccessLogQuery): Promise<Page<AccessLogEntry>> {
    requireAccess(principal, 'audit.access');
    return findAccess(this.views, by, limit, cursor, access);
  }
}
