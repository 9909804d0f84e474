import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PartyCommand, partyDecider, partyStreamId } from '@civic-ledger/domain';
import { CommandOutcome, CommandRunner } from '../application/command-runner';
import { PartyDirectory } from '../application/party-directory';
import { ExecutePartyCommand, PartyIntent } from './party.messages';

@CommandHandler(ExecutePartyCommand)
export class PartyCommandHandler implements ICommandHandler<ExecutePartyCommand> {
  constructor(private readonly runner: CommandRunner, private readonly directory: PartyDirectory) {}

  async execute({ intent, ctx }: ExecutePartyCommand): Promise<CommandOutcome> {
    const data = await this.resolve(intent);
    const streamId = partyStreamId(intent.data.partyId);
    return this.runner.run(partyDecider, streamId, (now) => ({ type: intent.type, data, metadata: { now, actor: ctx.actor } }) as PartyCommand, ctx);
  }

  private async resolve(intent: PartyIntent): Promise<PartyCommand['data']> {
    switch (intent.type) {
      case 'LinkRelationship':
        return { ...intent.data, toPartyKnown: await this.directory.isActive(intent.data.toPartyId) };
      case 'MergeParty':
        return { ...intent.data, survivorKnown: await this.directory.canSurvive(intent.data.survivorPartyId) };
      default:
        return intent.data as PartyCommand['data'];
    }
  }
}
