import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { EncryptingEventStore } from '@civic-ledger/privacy';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { CompleteErasureCommand } from './complete-erasure.command';

@CommandHandler(CompleteErasureCommand)
export class CompleteErasureHandler implements ICommandHandler<CompleteErasureCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ data, ctx }: CompleteErasureCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.erase', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('CompleteErasure', data, ctx.actor), ctx, async (decided) => {
      // Crypto-shredding: the party's data key goes before the erasure is recorded.
      if (decided.some((e) => e.type === 'PartyErased') && this.events instanceof EncryptingEventStore) await this.events.shred(data.partyId);
    });
  }
}
