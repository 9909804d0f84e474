import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { BundleDocument } from '@civic-ledger/audit';
import { ExportBundleQuery, ExportedBundle, Principal, rolesFor } from '@civic-ledger/application';
import { AccessRecorder } from '../auth/access-recorder';
import { Allow, AuthenticatedRequest, CurrentPrincipal } from '../auth/auth.decorators';
import { IsInstant } from '../http/instant';
import { uuidPipe } from '../http/uuid.pipe';

class BundleQueryDto {
  @ApiPropertyOptional({ description: 'Only what had been recorded by this instant (system time)', example: '2024-01-01T00:00:00Z' })
  @IsOptional() @IsInstant() asOf?: string;
}

@ApiBearerAuth()
@ApiTags('audit')
@Controller('v1/audit/bundles')
export class BundlesController {
  constructor(private readonly queries: QueryBus, private readonly access: AccessRecorder) {}

  @Get(':id')
  @Allow(...rolesFor('party.bundle'))
  @ApiOperation({
    summary: "A party's offline-verifiable export bundle as one JSON document (the files `civic-ledger export --bundle` writes, by name); check it anywhere with `civic-ledger verify-bundle <file>`. Signs a checkpoint when none covers the record yet",
  })
  async bundle(
    @Param('id', uuidPipe) partyId: string, @Query() q: BundleQueryDto, @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<BundleDocument> {
    this.access.purposeOf(req);
    const { document }: ExportedBundle = await this.queries.execute(new ExportBundleQuery(partyId, q.asOf ?? null, principal));
    await this.access.record(req, partyId, 'bundle');
    res.header('Content-Disposition', `attachment; filename="party-${partyId}.bundle.json"`);
    return document;
  }
}
