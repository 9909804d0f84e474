import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { Command, CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import { InteractionView } from '@civic-ledger/read-models';
import type { FastifyReply } from 'fastify';
import { etagFor, Meta, RequestMeta } from '../http/request-meta';
import { uuidPipe } from '../http/uuid.pipe';
import { writeResponse, WriteResult } from '../http/write-response';
import { AmendInteractionDto, ConfidentialityDto, LinkCorrespondenceDto, RecordInteractionDto } from './interaction.dto';
import { Allow, AuthenticatedRequest, CurrentPrincipal } from '../auth/auth.decorators';
import { AccessRecorder } from '../auth/access-recorder';
import {
  AmendInteractionCommand, CommandOutcome, GetInteractionQuery, LinkInteractionToCorrespondenceCommand, newRecordId, Principal, RecordInteractionCommand, rolesFor,
  SetInteractionConfidentialityCommand,
} from '@civic-ledger/application';

@ApiBearerAuth()
@ApiTags('interactions')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key never records twice.' })
@Controller('v1/interactions')
export class InteractionsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus, private readonly access: AccessRecorder) {}

  private async execute(res: FastifyReply, command: Command<CommandOutcome> & { data: { interactionId: string } }, location?: string): Promise<WriteResult> {
    const outcome = await this.commands.execute(command);
    return writeResponse(res, command.data.interactionId, outcome, location);
  }

  @Post()
  @Allow(...rolesFor('interaction.record'))
  @ApiOperation({ summary: 'Record a contact on any channel' })
  record(@Body() dto: RecordInteractionDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply): Promise<WriteResult> {
    const interactionId = newRecordId(meta, 'interaction');
    const { breakGlass, ...details } = dto;
    res.status(201);
    const data = { interactionId, ...details, partyIds: [...dto.partyIds], topics: [...dto.topics] };
    // Without an Idempotency-Key the id is new (time-ordered, 74 random bits): a new stream, not read before it is appended to.
    const command = new RecordInteractionCommand(data, { ...meta, breakGlassReason: breakGlass?.reason }, meta.idempotencyKey === undefined);
    return this.execute(res, command, `/v1/interactions/${interactionId}`);
  }

  @Get(':id')
  @Allow(...rolesFor('interaction.read'))
  async get(
    @Param('id', uuidPipe) interactionId: string, @CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<InteractionView> {
    this.access.purposeOf(req);
    const view: InteractionView = await this.queries.execute(new GetInteractionQuery(interactionId, principal));
    await Promise.all(view.partyIds.map((partyId) => this.access.record(req, partyId, 'interaction')));
    res.header('ETag', etagFor(view.revision));
    return view;
  }

  @Post(':id/amendments')
  @Allow(...rolesFor('interaction.amend'))
  @ApiOperation({ summary: 'Correct an interaction; the original stays in the record' })
  amend(
    @Param('id', uuidPipe) interactionId: string, @Body() dto: AmendInteractionDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.execute(res, new AmendInteractionCommand({ interactionId, changes: { ...dto.changes }, reason: dto.reason }, meta));
  }

  @Post(':id/correspondence-links')
  @Allow(...rolesFor('interaction.link'))
  linkCorrespondence(@Param('id', uuidPipe) interactionId: string, @Body() dto: LinkCorrespondenceDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new LinkInteractionToCorrespondenceCommand({ interactionId, correspondenceId: dto.correspondenceId }, meta));
  }

  @Post(':id/confidentiality')
  @Allow(...rolesFor('interaction.classify'))
  @HttpCode(200)
  setConfidentiality(@Param('id', uuidPipe) interactionId: string, @Body() dto: ConfidentialityDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new SetInteractionConfidentialityCommand({ interactionId, level: dto.level, reason: dto.reason }, meta));
  }
}
