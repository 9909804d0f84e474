import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import { ConsentDecision, consentDecision, contactSummary, normaliseEmail, READ_STORE, ReadStore, normaliseIdentifier, normalisePhone, Page, PartyView, TimelineEntry } from '@civic-ledger/read-models';
import type { Response } from 'express';
import { ApiError } from '../http/api-error';
import { etagFor } from '../http/request-meta';
import { uuidPipe } from '../http/uuid.pipe';
import { ExportPartyQuery, GetPartyQuery, GetTimelineQuery, PartyChangesQuery, SearchPartiesQuery } from './party.messages';
import { ChangesQueryDto, ConsentCheckDto, PointInTimeDto, SearchPartiesDto, TimelineQueryDto } from './party-read.dto';
import { Allow, AuthenticatedRequest, CurrentPrincipal } from '../auth/auth.decorators';
import { AccessRecorder } from '../auth/access-recorder';
import { assertSeesParty, forbidden, partyViewFor } from '../auth/access';
import { departmentScope, Principal, REPLAY_ROLES, seesParty, visibleLevels } from '../auth/roles';
import { READERS, STAFF } from '../auth/role-groups';
import { CONFIDENTIALITY_LEVELS } from '@civic-ledger/domain';

@ApiBearerAuth()
@ApiTags('parties')
@ApiHeader({ name: 'X-Min-Position', required: false, description: 'Wait until the read models include this ledger position (from X-Ledger-Position).' })
@Controller('v1/parties')
export class PartyReadsController {
  constructor(
    private readonly queries: QueryBus, @Inject(APP_CONFIG) private readonly config: AppConfig, private readonly access: AccessRecorder,
    @Inject(READ_STORE) private readonly views: ReadStore,
  ) {}

  @Get()
  @Allow(...READERS, 'privacy-officer')
  @ApiOperation({ summary: 'Search parties by name, e-mail, phone or identifier (all given criteria must match)' })
  async search(@Query() dto: SearchPartiesDto, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest): Promise<{ items: PartyView[] }> {
    this.access.purposeOf(req);
    if (!dto.q && !dto.email && !dto.phone && !dto.identifier) {
      throw new ApiError('VALIDATION.FAILED', 'Give at least one of q, email, phone or identifier.', [{ field: 'q', messages: ['a search criterion is required'] }]);
    }
    const phone = dto.phone === undefined ? undefined : normalisePhone(dto.phone, this.config.phoneRegion);
    if (phone === null) throw new ApiError('VALIDATION.FAILED', 'The phone number is not valid.', [{ field: 'phone', messages: ['phone must be a valid phone number'] }]);
    const items = await this.queries.execute(new SearchPartiesQuery({
      q: dto.q, email: dto.email && normaliseEmail(dto.email), phone, identifier: dto.identifier && normaliseIdentifier(dto.identifier), limit: dto.limit ?? 20,
    }));
    const visible = (items as PartyView[]).filter((p) => seesParty(principal, p));
    // A search result shows each party's profile: it is a read of their record too.
    for (const party of visible) this.access.record(req, party.id, 'search');
    return { items: await Promise.all(visible.map((p) => this.shownTo(principal, p))) };
  }

  @Get(':id')
  @Allow(...READERS, 'privacy-officer')
  @ApiOperation({ summary: 'Consolidated view of a party, optionally as known at / as occurred by a past instant' })
  async view(
    @Param('id', uuidPipe) partyId: string, @Query() at: PointInTimeDto, @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response,
  ): Promise<PartyView> {
    this.access.purposeOf(req);
    const historical = at.asOf !== undefined || at.occurredBy !== undefined;
    if (historical && !REPLAY_ROLES.includes(principal.role)) throw forbidden(`Replaying a record as it was known needs one of the roles ${REPLAY_ROLES.join(', ')}.`);
    if (historical) assertSeesParty(principal, await this.current(partyId));
    const party: PartyView = await this.queries.execute(new GetPartyQuery(partyId, { asOf: at.asOf, occurredBy: at.occurredBy }));
    assertSeesParty(principal, party);
    this.access.record(req, partyId, historical ? 'replay' : 'view');
    res.setHeader('ETag', etagFor(party.revision));
    return historical ? partyViewFor(principal, party) : this.shownTo(principal, party);
  }

  /** The view as the principal may see it; contact counts and the last contact only from interactions it may see. */
  private async shownTo(principal: Principal, party: PartyView): Promise<PartyView> {
    const view = partyViewFor(principal, party);
    const departments = departmentScope(principal);
    const levels = visibleLevels(principal);
    if (departments === null && levels.length === CONFIDENTIALITY_LEVELS.length) return view;
    return { ...view, ...await contactSummary(this.views, [party.id, ...party.mergedFrom], { confidentiality: levels, departments: departments ?? undefined }) };
  }

  private current(partyId: string): Promise<PartyView> {
    return this.queries.execute(new GetPartyQuery(partyId, {}));
  }

  @Get(':id/consents/check')
  @Allow(...STAFF, 'auditor', 'privacy-officer', 'service')
  @ApiOperation({ summary: 'May we contact this party for a purpose on a channel now (or at an instant)? Decided from the consent history' })
  async consentCheck(@Param('id', uuidPipe) partyId: string, @Query() q: ConsentCheckDto, @CurrentPrincipal() principal: Principal): Promise<ConsentDecision> {
    const party = await this.current(partyId);
    assertSeesParty(principal, party);
    return consentDecision(party, q.purpose, q.channel, q.at ?? new Date().toISOString());
  }

  @Get(':id/timeline')
  @Allow(...READERS)
  @ApiOperation({ summary: 'Cross-channel timeline, newest first, cursor-paginated' })
  async timeline(
    @Param('id', uuidPipe) partyId: string, @Query() q: TimelineQueryDto, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest,
  ): Promise<Page<TimelineEntry>> {
    this.access.purposeOf(req);
    if ((q.asOf !== undefined || q.occurredBy !== undefined) && !REPLAY_ROLES.includes(principal.role)) {
      throw forbidden(`Replaying a record as it was known needs one of the roles ${REPLAY_ROLES.join(', ')}.`);
    }
    assertSeesParty(principal, await this.current(partyId));
    const filter = {
      channel: q.channel, topic: q.topic, department: q.department, from: q.from, to: q.to,
      confidentiality: visibleLevels(principal), departments: departmentScope(principal) ?? undefined,
    };
    const page: Page<TimelineEntry> = await this.queries.execute(new GetTimelineQuery(partyId, filter, q.limit ?? 50, q.cursor, { asOf: q.asOf, occurredBy: q.occurredBy }));
    this.access.record(req, partyId, q.asOf !== undefined || q.occurredBy !== undefined ? 'replay-timeline' : 'timeline');
    return page;
  }

  @Get(':id/changes')
  @Allow('supervisor', 'auditor')
  @ApiOperation({ summary: 'What changed in the party\'s record between two instants (system time): the events, and the view field by field' })
  async changes(@Param('id', uuidPipe) partyId: string, @Query() q: ChangesQueryDto, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest) {
    this.access.purposeOf(req);
    assertSeesParty(principal, await this.current(partyId));
    if (q.from >= q.to) throw new ApiError('VALIDATION.FAILED', 'from must be earlier than to.', [{ field: 'from', messages: ['must be earlier than to'] }]);
    const changes = await this.queries.execute(new PartyChangesQuery(partyId, q.from, q.to));
    this.access.record(req, partyId, 'changes');
    return changes;
  }

  @Get(':id/export')
  @Allow('auditor', 'privacy-officer')
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: "Every event of the party's record (own stream, interactions, correspondence) as NDJSON" })
  async export(@Param('id', uuidPipe) partyId: string, @Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    this.access.purposeOf(req);
    const events = await this.queries.execute(new ExportPartyQuery(partyId));
    this.access.record(req, partyId, 'export');
    res.status(200).type('application/x-ndjson');
    res.setHeader('Content-Disposition', `attachment; filename="party-${partyId}.ndjson"`);
    res.send(events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  }
}
