import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetMeQuery, Me, Principal, rolesFor } from '@civic-ledger/application';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';

@ApiBearerAuth()
@ApiTags('session')
@Controller('v1/me')
export class MeController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(...rolesFor('session.read'))
  @ApiOperation({ summary: 'Who the token is: subject, role, departments, the levels it reads and the actions its role may take (not recorded in the access ledger)' })
  me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    return this.queries.execute(new GetMeQuery(principal));
  }
}
