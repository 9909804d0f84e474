import { Controller, Get, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DuplicateCandidate, FindDuplicatesQuery, Principal, rolesFor } from '@civic-ledger/application';
import { Page } from '@civic-ledger/read-models';
import { AccessRecorder } from '../auth/access-recorder';
import { Allow, AuthenticatedRequest, CurrentPrincipal } from '../auth/auth.decorators';

class DuplicatesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'From the previous page' }) @IsOptional() @IsString() @Length(1, 500) cursor?: string;
}

/** Registered before the party routes, so `duplicates` is never read as a party id. */
@ApiBearerAuth()
@ApiTags('parties')
@Controller('v1/parties/duplicates')
export class DuplicatesController {
  constructor(private readonly queries: QueryBus, private readonly access: AccessRecorder) {}

  @Get()
  @Allow(...rolesFor('party.merge'))
  @ApiOperation({ summary: 'Duplicate candidates: parties sharing an exact e-mail, phone or identifier, among those the supervisor sees (merge them with POST /v1/parties/{id}/merges)' })
  async list(@Query() q: DuplicatesQueryDto, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest): Promise<Page<DuplicateCandidate>> {
    this.access.purposeOf(req);
    const page: Page<DuplicateCandidate> = await this.queries.execute(new FindDuplicatesQuery(principal, q.limit ?? 50, q.cursor));
    // The list shows names: one "listed" entry names every party in it.
    await this.access.listed(req, [...new Set(page.items.flatMap((c) => c.parties.map((p) => p.id)))], 'duplicates');
    return page;
  }
}
