import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireAccess } from '../../access/access-policy';
import { listCheckpoints, SignedCheckpoint } from '@civic-ledger/audit';
import { EventStore } from '@civic-ledger/event-store';
import { STORED_EVENTS } from '../../shared/ports';
import { ListCheckpointsQuery } from './list-checkpoints.query';

@QueryHandler(ListCheckpointsQuery)
export class ListCheckpointsHandler implements IQueryHandler<ListCheckpointsQuery> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore) {}

  async execute({ principal }: ListCheckpointsQuery): Promise<SignedCheckpoint[]> {
    requireAccess(principal, 'audit.checkpoints');
    return listCheckpoints(this.events);
  }
}
