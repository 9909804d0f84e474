import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import { ConsentDecision, consentDecision, JsonPage, normaliseEmail, normaliseIdentifier, normalisePhone, Page, PartyView, TimelineEntry } from '@civic-ledger/read-models';
import { ExportPartyQuery, GetPartyQuery, GetTimelineQuery, PartyChangesQuery, Principal, rolesFor, SearchPartiesQuery, SearchResult } from '@civic-ledger/application';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../http/api-error';
import { etagFor } from '../http/request-meta';
import { uuidPipe } from '../http/uuid.pipe';

/** An exact search match on a party held by another department: where break glass starts. */
type SearchStub = { id: string; heldByAnotherDepartment: true };
import { ChangesQueryDto, ConsentCheckDto, PointInTimeDto, SearchPartiesDto, TimelineQueryDto } from './party-read.dto';
import { Allow, AuthenticatedRequest, CurrentPrincipal } from '../auth/auth.decorators';
import { AccessRecorder } from '../auth/access-recorder';

@ApiBearerAuth()
@ApiTags('parties')
@ApiHeader({ name: 'X-Min-Position', required: false, description: 'Wait until the read models include this ledger position (from X-Ledger-Position).' })
@Controller('v1/parties')
export class PartyReadsController {
  constructor(private readonly queries: QueryBus, @Inject(APP_CONFIG) private readonly config: AppConfig, private readonly access: AccessRecorder) {}

  @Get()
  @Allow(...rolesFor('party.read'))
  @ApiOperation({ summary: 'Search parties by name, e-mail, phone or identifier (all given criteria must match)' })
  async search(@Query() dto: SearchPartiesDto, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest): Promise<{ items: ((PartyView & { hint: string | null }) | SearchStub)[] }> {
    this.access.purposeOf(req);
    if (!dto.q && !dto.email && !dto.phone && !dto.identifier) {
      throw new ApiError('VALIDATION.FAILED', 'Give at least one of q, email, phone or identifier.', [{ field: 'q', messages: ['a search criterion is required'] }]);
    }
    const phone = dto.phone === undefined ? undefined : normalisePhone(dto.phone, this.config.phoneRegion);
    if (phone === null) throw new ApiError('VALIDATION.FAILED', 'The phone number is not valid.', [{ field: 'phone', messages: ['phone must be a valid phone number'] }]);
    const results: SearchResult[] = await this.queries.execute(new SearchPartiesQuery({
      q: dto.q, email: dto.email && normaliseEmail(dto.email), phone, identifier: dto.identifier && normaliseIdentifier(dto.identifier), limit: dto.limit ?? 20,
    }, principal));
    // A search shows the parties it found: one "listed" entry names them all (a stub shows no record), apart from opening one ("viewed").
    await this.access.listed(req, results.flatMap((r) => (r.visible ? [r.party.id] : [])), 'search');
    return { items: results.map((r) => (r.visible ? { ...r.party, hint: r.hint } : r.stub)) };
  }

  @Get(':id')
  @Allow(...rolesFor('party.read'))
  @ApiOperation({ summary: 'Consolidated view of a party, optionally as known at / as occurred by a past instant' })
  async view(
    @Param('id', uuidPipe) partyId: string, @Query() at: PointInTimeDto, @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<PartyView> {
    this.access.purposeOf(req);
    const historical = at.asOf !== undefined || at.occurredBy !== undefined;
    const party: PartyView = await this.queries.execute(new GetPartyQuery(partyId, { asOf: at.asOf, occurredBy: at.occurredBy }, principal));
    await this.access.record(req, partyId, historical ? 'replay' : 'view');
    res.header('ETag', etagFor(party.revision));
    return party;
  }

  @Get(':id/consents/check')
  @Allow(...rolesFor('party.consent-check'))
  @ApiOperation({ summary: 'May we contact this party for a purpose on a channel now (or at an instant)? Decided from the consent history' })
  async consentCheck(@Param('id', uuidPipe) partyId: string, @Query() q: ConsentCheckDto, @CurrentPrincipal() principal: Principal): Promise<ConsentDecision> {
    const party: PartyView = await this.queries.execute(new GetPartyQuery(partyId, {}, principal));
    return consentDecision(party, q.purpose, q.channel, q.at ?? new Date().toISOString());
  }

  @Get(':id/timeline')
  @Allow(...rolesFor('party.timeline'))
  @ApiOperation({ summary: 'Cross-channel timeline, newest first, cursor-paginated' })
  async timeline(
    @Param('id', uuidPipe) partyId: string, @Query() q: TimelineQueryDto, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<Page<TimelineEntry> | string> {
    this.access.purposeOf(req);
    const filter = { channel: q.channel, topic: q.topic, department: q.department, from: q.from, to: q.to };
    const at = { asOf: q.asOf, occurredBy: q.occurredBy };
    const page: Page<TimelineEntry> = await this.queries.execute(new GetTimelineQuery(partyId, filter, q.limit ?? 50, q.cursor, at, principal));
    await this.access.record(req, partyId, q.asOf !== undefined || q.occurredBy !== undefined ? 'replay-timeline' : 'timeline');
    if (!(page instanceof JsonPage)) return page;
    // The entries as the read store keeps them (the same bytes JSON.stringify would write), not parsed and re-serialised.
    res.type('application/json; charset=utf-8');
    return page.json;
  }

  @Get(':id/changes')
  @Allow(...rolesFor('party.replay'))
  @ApiOperation({ summary: 'What changed in the party\'s record between two instants (system time): the events, and the view field by field' })
  async changes(@Param('id', uuidPipe) partyId: string, @Query() q: ChangesQueryDto, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest) {
    this.access.purposeOf(req);
    if (q.from >= q.to) throw new ApiError('VALIDATION.FAILED', 'from must be earlier than to.', [{ field: 'from', messages: ['must be earlier than to'] }]);
    const changes = await this.queries.execute(new PartyChangesQuery(partyId, q.from, q.to, principal));
    await this.access.record(req, partyId, 'changes');
    return changes;
  }

  @Get(':id/export')
  @Allow(...rolesFor('party.export'))
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: "Every event of the party's record (own stream, interactions, correspondence) as NDJSON" })
  async export(@Param('id', uuidPipe) partyId: string, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest, @Res() res: FastifyReply): Promise<void> {
    this.access.purposeOf(req);
    const events = await this.queries.execute(new ExportPartyQuery(partyId, principal));
    await this.access.record(req, partyId, 'export');
    res.status(200).type('application/x-ndjson; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="party-${partyId}.ndjson"`);
    res.send(events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  }
}
