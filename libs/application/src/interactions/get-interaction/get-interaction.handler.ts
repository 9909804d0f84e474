import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@civic-ledger/domain';
import { COLLECTIONS, InteractionView, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { requireAccess } from '../../access';
import { GetInteractionQuery } from './get-interaction.query';

@QueryHandler(GetInteractionQuery)
export class GetInteractionHandler implements IQueryHandler<GetInteractionQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  /** The record is read first: the check needs its department and level (unknown 404, not seen 403). */
  async execute({ interactionId, principal }: GetInteractionQuery): Promise<InteractionView> {
    const view = await this.views.get<InteractionView>(COLLECTIONS.interactions, interactionId);
    if (!view) throw new DomainError('INTERACTION.NOT_FOUND', 'The interaction does not exist.');
    requireAccess(principal, 'interaction.read', { kind: 'interaction', department: view.department, confidentiality: view.confidentiality });
    return view;
  }
}
