import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { EncryptingEventStore } from '@civic-ledger/privacy';
import { PartyCommand, partyDecider, partyStreamId } from '@civic-ledger/domain';
import { CommandOutcome, CommandRunner } from '../application/command-runner';
import { PartyDirectory } from '../application/party-directory';
import { ExecutePartyCommand, PartyIntent } from './party.messages';

@CommandHandler(ExecutePartyCommand)
export class PartyCommandHandler implements ICommandHandler<ExecutePartyCommand> {
  constructor(private readonly runner: CommandRunner, private readonly directory: PartyDirectory, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ intent, ctx }: ExecutePartyCommand): Promise<CommandOutcome> {
    const data = await this.resolve(intent);
    const streamId = partyStreamId(intent.data.partyId);
    return this.runner.run(partyDecider, streamId, (now) => ({ type: intent.type, data, metadata: { now, actor: ctx.actor } }) as PartyCommand, ctx, async (decided) => {
      // Crypto-shredding: the party's data key goes before the erasure is recorded.
      if (decided.some((e) => e.type === 'PartyErased') && this.events instanceof EncryptingEventStore) await this.events.shred(intent.data.partyId);
    });
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
