import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Command, CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import { CorrespondenceView, Page } from '@civic-ledger/read-models';
import type { FastifyReply } from 'fastify';
import { etagFor, Meta, RequestMeta } from '../http/request-meta';
import { uuidPipe } from '../http/uuid.pipe';
import { writeResponse, WriteResult } from '../http/write-response';
import { AcknowledgeDto, AssignDto, CloseDto, ListCorrespondenceDto, ReceiveCorrespondenceDto, ReopenDto, RespondDto } from './correspondence.dto';
import { Allow, AuthenticatedRequest, CurrentPrincipal } from '../auth/auth.decorators';
import { AccessRecorder } from '../auth/access-recorder';
import {
  AcknowledgeCorrespondenceCommand, AssignCorrespondenceCommand, CloseCorrespondenceCommand, CommandOutcome, GetCorrespondenceQuery, ListCorrespondenceQuery, newId,
  Principal, ReceiveCorrespondenceCommand, ReopenCorrespondenceCommand, RespondToCorrespondenceCommand, rolesFor,
} from '@civic-ledger/application';

@ApiBearerAuth()
@ApiTags('correspondence')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key never records twice.' })
@ApiHeader({ name: 'If-Match', required: false, description: 'ETag last seen; 412 when the case changed since.' })
@Controller('v1/correspondence')
export class CorrespondenceController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus, private readonly access: AccessRecorder) {}

  private async execute(res: FastifyReply, command: Command<CommandOutcome> & { data: { correspondenceId: string } }, location?: string): Promise<WriteResult> {
    const outcome = await this.commands.execute(command);
    return writeResponse(res, command.data.correspondenceId, outcome, location);
  }

  @Post()
  @Allow(...rolesFor('correspondence.receive'))
  @ApiOperation({ summary: 'Register received correspondence (letter, e-mail, case file)' })
  receive(@Body() dto: ReceiveCorrespondenceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply): Promise<WriteResult> {
    const correspondenceId = newId(meta, 'correspondence');
    const { breakGlass, ...details } = dto;
    res.status(201);
    const data = { correspondenceId, ...details, partyIds: [...dto.partyIds], attachments: dto.attachments?.map((a) => ({ ...a })) };
    return this.execute(res, new ReceiveCorrespondenceCommand(data, { ...meta, breakGlassReason: breakGlass?.reason }), `/v1/correspondence/${correspondenceId}`);
  }

  @Get()
  @Allow(...rolesFor('correspondence.read'))
  @ApiOperation({ summary: 'List correspondence by status and due date (soonest due first)' })
  async list(@Query() q: ListCorrespondenceDto, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest): Promise<Page<CorrespondenceView>> {
    this.access.purposeOf(req);
    const page: Page<CorrespondenceView> = await this.queries.execute(new ListCorrespondenceQuery({ status: q.status, dueBefore: q.dueBefore, cursor: q.cursor, limit: q.limit ?? 50 }, principal));
    // A list shows each item's subject and parties: one "listed" entry names every party in it.
    await this.access.listed(req, [...new Set(page.items.flatMap((c) => c.partyIds))], 'correspondence-list');
    return page;
  }

  @Get(':id')
  @Allow(...rolesFor('correspondence.read'))
  async get(
    @Param('id', uuidPipe) correspondenceId: string, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<CorrespondenceView> {
    this.access.purposeOf(req);
    const view: CorrespondenceView = await this.queries.execute(new GetCorrespondenceQuery(correspondenceId, principal));
    await Promise.all(view.partyIds.map((partyId) => this.access.record(req, partyId, 'correspondence')));
    res.header('ETag', etagFor(view.revision));
    return view;
  }

  @Post(':id/acknowledge')
  @Allow(...rolesFor('correspondence.handle'))
  @HttpCode(200)
  acknowledge(@Param('id', uuidPipe) correspondenceId: string, @Body() dto: AcknowledgeDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new AcknowledgeCorrespondenceCommand({ correspondenceId, note: dto.note }, meta));
  }

  @Post(':id/assign')
  @Allow(...rolesFor('correspondence.handle'))
  @HttpCode(200)
  assign(@Param('id', uuidPipe) correspondenceId: string, @Body() dto: AssignDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new AssignCorrespondenceCommand({ correspondenceId, assigneeId: dto.assigneeId, department: dto.department }, meta));
  }

  @Post(':id/respond')
  @Allow(...rolesFor('correspondence.handle'))
  @HttpCode(200)
  respond(@Param('id', uuidPipe) correspondenceId: string, @Body() dto: RespondDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new RespondToCorrespondenceCommand({ correspondenceId, summary: dto.summary, channel: dto.channel, attachments: dto.attachments?.map((a) => ({ ...a })) }, meta));
  }

  @Post(':id/close')
  @Allow(...rolesFor('correspondence.handle'))
  @HttpCode(200)
  close(@Param('id', uuidPipe) correspondenceId: string, @Body() dto: CloseDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new CloseCorrespondenceCommand({ correspondenceId, resolution: dto.resolution }, meta));
  }

  @Post(':id/reopen')
  @Allow(...rolesFor('correspondence.handle'))
  @HttpCode(200)
  reopen(@Param('id', uuidPipe) correspondenceId: string, @Body() dto: ReopenDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new ReopenCorrespondenceCommand({ correspondenceId, reason: dto.reason, dueAt: dto.dueAt }, meta));
  }
}
