import { Body, Controller, Delete, Get, HttpCode, Param, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AccessGrantView, Page } from '@civic-ledger/read-models';
import { ListAccessGrantsQuery, Principal, RevokePartyAccessCommand, rolesFor } from '@civic-ledger/application';
import { Allow, AuthenticatedRequest, CurrentPrincipal } from '../auth/auth.decorators';
import { AccessRecorder } from '../auth/access-recorder';
import { Meta, RequestMeta } from '../http/request-meta';
import { uuidPipe } from '../http/uuid.pipe';
import { writeResponse, WriteResult } from '../http/write-response';
import { RequiredReasonDto } from './party-write.dto';

export class ListAccessGrantsDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partyId?: string;
  @ApiPropertyOptional({ example: 'housing' }) @IsOptional() @Matches(/^[a-z0-9][a-z0-9-]{0,59}$/) department?: string;
  @ApiPropertyOptional({ enum: ['active', 'revoked'], description: 'Only grants in force, or only revoked ones.' }) @IsOptional() @IsIn(['active', 'revoked']) status?: 'active' | 'revoked';
  @ApiPropertyOptional() @IsOptional() cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** Break-glass grants: privacy officers (and auditors) review them; privacy officers revoke them. */
@ApiBearerAuth()
@ApiTags('privacy')
@Controller('v1')
export class AccessGrantsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus, private readonly access: AccessRecorder) {}

  @Get('access-grants')
  @Allow(...rolesFor('party.access-grants'))
  @ApiOperation({ summary: 'Break-glass grants (who gained sight of a party held by another department, and why), newest first' })
  async list(@Query() q: ListAccessGrantsDto, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest): Promise<Page<AccessGrantView>> {
    this.access.purposeOf(req);
    const page: Page<AccessGrantView> = await this.queries.execute(new ListAccessGrantsQuery(q, principal));
    // A grant's reason is staff's words about a person: one "listed" entry names every party listed.
    await this.access.listed(req, [...new Set(page.items.map((g) => g.partyId))], 'access-grants');
    return page;
  }

  @Delete('parties/:id/access-grants/:grantId')
  @Allow(...rolesFor('party.revoke-access'))
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a break-glass grant: the department no longer sees the party (unless it registered it)' })
  async revoke(
    @Param('id', uuidPipe) partyId: string, @Param('grantId', uuidPipe) grantId: string, @Body() dto: RequiredReasonDto, @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<WriteResult> {
    const outcome = await this.commands.execute(new RevokePartyAccessCommand({ partyId, grantId, reason: dto.reason }, meta));
    return writeResponse(res, partyId, outcome);
  }
}
