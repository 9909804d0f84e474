import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, InteractionCommand, interactionDecider, interactionStreamId } from '@civic-ledger/domain';
import { requireAccess, requireActsFor, requireClassify } from '../access';
import { COLLECTIONS, InteractionView, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { AccessGate } from '../shared/access-gate';
import { BreakGlass } from '../shared/break-glass';
import { CommandOutcome, CommandRunner, WriteContext } from '../shared/command-runner';
import { ExecuteInteractionCommand, GetInteractionQuery, InteractionIntent } from './interaction.messages';

@CommandHandler(ExecuteInteractionCommand)
export class InteractionCommandHandler implements ICommandHandler<ExecuteInteractionCommand> {
  constructor(
    private readonly runner: CommandRunner, private readonly gate: AccessGate, private readonly breakGlass: BreakGlass,
  ) {}

  async execute({ intent, ctx }: ExecuteInteractionCommand): Promise<CommandOutcome> {
    const { data, beforeAppend } = await this.authorize(intent, ctx);
    const streamId = interactionStreamId(intent.data.interactionId);
    // The business time of a recorded contact is when it happened, not when it was typed in.
    const occurredAt = intent.type === 'RecordInteraction' ? intent.data.occurredAt : ctx.occurredAt;
    return this.runner.run(interactionDecider, streamId, (now) => ({ type: intent.type, data, metadata: { now, actor: ctx.actor } }) as InteractionCommand, { ...ctx, occurredAt }, beforeAppend);
  }

  /** One access check per use case, then the facts the decider needs. */
  private async authorize(intent: InteractionIntent, ctx: WriteContext): Promise<{ data: InteractionCommand['data']; beforeAppend?: () => Promise<void> }> {
    const { principal } = ctx;
    switch (intent.type) {
      case 'RecordInteraction': {
        requireAccess(principal, 'interaction.record');
        requireActsFor(principal, intent.data.department);
        requireClassify(principal, intent.data.confidentiality);
        const plan = await this.breakGlass.plan(ctx, intent.data.department, intent.data.partyIds);
        return { data: { ...intent.data, knownPartyIds: plan.activePartyIds }, beforeAppend: plan.grant };
      }
      case 'AmendInteraction':
        await this.gate.interaction(principal, 'interaction.amend', intent.data.interactionId);
        requireActsFor(principal, intent.data.changes.department);
        return { data: intent.data };
      case 'SetInteractionConfidentiality':
        await this.gate.interaction(principal, 'interaction.classify', intent.data.interactionId);
        requireClassify(principal, intent.data.level);
        return { data: intent.data };
      case 'LinkInteractionToCorrespondence': {
        await this.gate.interaction(principal, 'interaction.link', intent.data.interactionId);
        await this.gate.correspondence(principal, 'correspondence.handle', intent.data.correspondenceId);
        return { data: { ...intent.data, correspondenceKnown: true } };
      }
    }
  }
}

@QueryHandler(GetInteractionQuery)
export class GetInteractionHandler implements IQueryHandler<GetInteractionQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  async execute({ interactionId, principal }: GetInteractionQuery): Promise<InteractionView> {
    const view = await this.views.get<InteractionView>(COLLECTIONS.interactions, interactionId);
    if (!view) throw new DomainError('INTERACTION.NOT_FOUND', 'The interaction does not exist.');
    requireAccess(principal, 'interaction.read', { kind: 'interaction', department: view.department, confidentiality: view.confidentiality });
    return view;
  }
}
