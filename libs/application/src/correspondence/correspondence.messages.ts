import { Command, Query } from '@nestjs/cqrs';
import { CorrespondenceCommand } from '@civic-ledger/domain';
import { CorrespondenceFilter, CorrespondenceView, Page } from '@civic-ledger/read-models';
import { CommandOutcome, WriteContext } from '../shared/command-runner';
import { Intent } from '../shared/intent';
import type { Principal } from '../access/roles';

export type CorrespondenceIntent = Intent<CorrespondenceCommand, 'knownPartyIds'>;

export class ExecuteCorrespondenceCommand extends Command<CommandOutcome> {
  constructor(readonly intent: CorrespondenceIntent, readonly ctx: WriteContext) {
    super();
  }
}

export class GetCorrespondenceQuery extends Query<CorrespondenceView> {
  constructor(readonly correspondenceId: string, readonly principal: Principal) {
    super();
  }
}

export class ListCorrespondenceQuery extends Query<Page<CorrespondenceView>> {
  constructor(readonly filter: Omit<CorrespondenceFilter, 'departments'>, readonly principal: Principal) {
    super();
  }
}
