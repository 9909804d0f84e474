import { Controller, Get, Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { verifyChains, VerifyReport } from '@civic-ledger/audit';

export class VerifyLedgerQuery extends Query<VerifyReport> {}

@QueryHandler(VerifyLedgerQuery)
export class VerifyLedgerHandler implements IQueryHandler<VerifyLedgerQuery> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  execute(): Promise<VerifyReport> {
    return verifyChains(this.events);
  }
}

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('verify')
  @ApiOperation({ summary: 'Walk every stream and check its SHA-256 hash chain from genesis to head' })
  verify(): Promise<VerifyReport> {
    return this.queries.execute(new VerifyLedgerQuery());
  }
}
