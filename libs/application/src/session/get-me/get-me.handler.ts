import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { actionsOf, requireAccess } from '../../access/access-policy';
import { departmentScope, visibleLevels } from '../../access/roles';
import { GetMeQuery, Me } from './get-me.query';

@QueryHandler(GetMeQuery)
export class GetMeHandler implements IQueryHandler<GetMeQuery> {
  async execute({ principal }: GetMeQuery): Promise<Me> {
    requireAccess(principal, 'session.read');
    return {
      subject: principal.sub,
      role: principal.role,
      departments: [...principal.departments],
      allDepartments: departmentScope(principal) === null,
      confidentiality: visibleLevels(principal),
      actions: actionsOf(principal.role),
      expiresAt: principal.expiresAt ?? null,
    };
  }
}
