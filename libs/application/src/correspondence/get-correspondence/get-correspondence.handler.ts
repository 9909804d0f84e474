import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@civic-ledger/domain';
import { COLLECTIONS, CorrespondenceView, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { requireAccess } from '../../access';
import { GetCorrespondenceQuery } from './get-correspondence.query';

@QueryHandler(GetCorrespondenceQuery)
export class GetCorrespondenceHandler implements IQueryHandler<GetCorrespondenceQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  /** The record is read first: the check needs its department (unknown 404, not seen 403). */
  async execute({ correspondenceId, principal }: GetCorrespondenceQuery): Promise<CorrespondenceView> {
    const view = await this.views.get<CorrespondenceView>(COLLECTIONS.correspondence, correspondenceId);
    if (!view) throw new DomainError('CORRESPONDENCE.NOT_FOUND', 'The correspondence does not exist.');
    requireAccess(principal, 'correspondence.read', { kind: 'correspondence', department: view.department });
    return view;
  }
}
