import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { EncryptingEventStore } from '@civic-ledger/privacy';
import { PartyCommand, partyDecider, partyStreamId } from '@civic-ledger/domain';
import { Action, requireAccess, requireActsFor } from '../access';
import { AccessGate } from '../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../shared/command-runner';
import { ExecutePartyCommand, PartyIntent } from './party.messages';

/** The action each party command takes, as the access policy names it. */
const ACTION: Record<PartyCommand['type'], Action> = {
  RegisterParty: 'party.register', ChangePartyName: 'party.update', AddContactPoint: 'party.update', RemoveContactPoint: 'party.update',
  AddIdentifier: 'party.update', GiveConsent: 'party.consent', WithdrawConsent: 'party.consent', LinkRelationship: 'party.relate',
  UnlinkRelationship: 'party.relate', MergeParty: 'party.merge', UnmergeParty: 'party.merge', RequestErasure: 'party.erase',
  CompleteErasure: 'party.erase', PlaceLegalHold: 'party.erase', ReleaseLegalHold: 'party.erase',
  // Grants are made only by recording a contact or correspondence (BreakGlass); revoking is the privacy officer's.
  GrantPartyAccess: 'interaction.record', RevokePartyAccess: 'party.revoke-access',
};

@CommandHandler(ExecutePartyCommand)
export class PartyCommandHandler implements ICommandHandler<ExecutePartyCommand> {
  constructor(
    private readonly runner: CommandRunner, private readonly gate: AccessGate,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async execute({ intent, ctx }: ExecutePartyCommand): Promise<CommandOutcome> {
    const data = await this.authorize(intent, ctx);
    const streamId = partyStreamId(intent.data.partyId);
    return this.runner.run(partyDecider, streamId, (now) => ({ type: intent.type, data, metadata: { now, actor: ctx.actor } }) as PartyCommand, ctx, async (decided) => {
      // Crypto-shredding: the party's data key goes before the erasure is recorded.
      if (decided.some((e) => e.type === 'PartyErased') && this.events instanceof EncryptingEventStore) await this.events.shred(intent.data.partyId);
    });
  }

  /**
   * The party (and the other party a link or merge names) must be one the principal sees; the other
   * party's state, loaded for that check, also tells the decider whether it may be linked or survive.
   */
  private async authorize(intent: PartyIntent, { principal }: ExecutePartyCommand['ctx']): Promise<PartyCommand['data']> {
    const action = ACTION[intent.type];
    if (intent.type === 'RegisterParty') {
      requireAccess(principal, action);
      requireActsFor(principal, intent.data.department);
      return intent.data;
    }
    await this.gate.party(principal, action, intent.data.partyId);
    switch (intent.type) {
      case 'LinkRelationship': {
        const other = await this.gate.party(principal, action, intent.data.toPartyId);
        return { ...intent.data, toPartyKnown: other.status === 'active' };
      }
      case 'MergeParty': {
        const survivor = await this.gate.party(principal, action, intent.data.survivorPartyId);
        return { ...intent.data, survivorKnown: survivor.status === 'active' && survivor.mergedInto === null };
      }
      default:
        return intent.data as PartyCommand['data'];
    }
  }
}
