import { Command, Query } from '@nestjs/cqrs';
import { CorrespondenceCommand } from '@civic-ledger/domain';
import { CorrespondenceFilter, CorrespondenceView, Page } from '@civic-ledger/read-models';
import { CommandOutcome, WriteContext } from '../application/command-runner';
import { Intent } from '../application/intent';

export type CorrespondenceIntent = Intent<CorrespondenceCommand, 'knownPartyIds'>;

export class ExecuteCorrespondenceCommand extends Command<CommandOutcome> {
  constructor(readonly intent: CorrespondenceIntent, readonly ctx: WriteContext) {
    super();
  }
}

export class GetCorrespondenceQuery extends Query<CorrespondenceView> {
  constructor(readonly correspondenceId: string) {
    super();
  }
}

export class ListCorrespondenceQuery extends Query<Page<CorrespondenceView>> {
  constructor(readonly filter: CorrespondenceFilter) {
    super();
  }
}
