import { Body, Controller, Delete, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { Command, CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import type { FastifyReply } from 'fastify';
import { Meta, RequestMeta } from '../http/request-meta';
import { uuidPipe } from '../http/uuid.pipe';
import { writeResponse, WriteResult } from '../http/write-response';
import { toContactPoint } from './contact-point.mapper';
import {
  ChangeNameDto, ConsentDto, ContactPointDto, EmptyDto, ErasureDto, IdentifierDto, LegalHoldDto, MergeDto, ReasonDto, RegisterPartyDto,
  RelationshipDto, RequiredReasonDto, WithdrawConsentDto,
} from './party-write.dto';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';
import {
  AddContactPointCommand, AddIdentifierCommand, ChangePartyNameCommand, CommandOutcome, CompleteErasureCommand, GiveConsentCommand, LinkRelationshipCommand,
  MergePartyCommand, newId, PlaceLegalHoldCommand, Principal, RegisterPartyCommand, ReleaseLegalHoldCommand, RemoveContactPointCommand, RequestErasureCommand,
  rolesFor, UnlinkRelationshipCommand, UnmergePartyCommand, WithdrawConsentCommand,
} from '@civic-ledger/application';

@ApiBearerAuth()
@ApiTags('parties')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key never records twice.' })
@ApiHeader({ name: 'If-Match', required: false, description: 'ETag last seen; 412 when the party changed since.' })
@Controller('v1/parties')
export class PartiesController {
  constructor(private readonly commands: CommandBus, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private async execute(res: FastifyReply, command: Command<CommandOutcome> & { data: { partyId: string } }, location?: string): Promise<WriteResult> {
    const outcome = await this.commands.execute(command);
    return writeResponse(res, command.data.partyId, outcome, location);
  }

  @Post()
  @Allow(...rolesFor('party.register'))
  @ApiOperation({ summary: 'Register a citizen or organisation' })
  register(@Body() dto: RegisterPartyDto, @Meta() meta: RequestMeta, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: FastifyReply): Promise<WriteResult> {
    const department = dto.department ?? principal.departments[0];
    const partyId = newId(meta, 'party');
    const contactPoints = (dto.contactPoints ?? []).map((cp, i) => ({
      contactPointId: newId(meta, `party-cp-${i}`), ...toContactPoint(cp, this.config.phoneRegion, `contactPoints.${i}.value`),
    }));
    const data = {
      partyId, kind: dto.kind, name: { ...dto.name }, birthDate: dto.birthDate, preferredLanguage: dto.preferredLanguage, department,
      contactPoints, identifiers: dto.identifiers?.map((i) => ({ ...i })),
    };
    res.status(201);
    return this.execute(res, new RegisterPartyCommand(data, meta), `/v1/parties/${partyId}`);
  }

  @Post(':id/name-changes')
  @Allow(...rolesFor('party.update'))
  @HttpCode(200)
  changeName(@Param('id', uuidPipe) partyId: string, @Body() dto: ChangeNameDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new ChangePartyNameCommand({ partyId, name: { ...dto.name }, reason: dto.reason }, meta));
  }

  @Post(':id/contact-points')
  @Allow(...rolesFor('party.update'))
  async addContactPoint(@Param('id', uuidPipe) partyId: string, @Body() dto: ContactPointDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    const contactPointId = newId(meta, 'contact-point');
    const result = await this.execute(res, new AddContactPointCommand({ partyId, contactPointId, ...toContactPoint(dto, this.config.phoneRegion) }, meta));
    return { ...result, contactPointId };
  }

  @Delete(':id/contact-points/:contactPointId')
  @Allow(...rolesFor('party.update'))
  @HttpCode(200)
  removeContactPoint(@Param('id', uuidPipe) partyId: string, @Param('contactPointId', uuidPipe) contactPointId: string, @Body() dto: ReasonDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new RemoveContactPointCommand({ partyId, contactPointId, reason: dto.reason }, meta));
  }

  @Post(':id/identifiers')
  @Allow(...rolesFor('party.update'))
  addIdentifier(@Param('id', uuidPipe) partyId: string, @Body() dto: IdentifierDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new AddIdentifierCommand({ partyId, scheme: dto.scheme, value: dto.value.trim() }, meta));
  }

  @Post(':id/consents')
  @Allow(...rolesFor('party.consent'))
  giveConsent(@Param('id', uuidPipe) partyId: string, @Body() dto: ConsentDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new GiveConsentCommand({ partyId, purpose: dto.purpose, channel: dto.channel, evidence: dto.evidence }, meta));
  }

  @Post(':id/consents/withdrawals')
  @Allow(...rolesFor('party.consent'))
  withdrawConsent(@Param('id', uuidPipe) partyId: string, @Body() dto: WithdrawConsentDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new WithdrawConsentCommand({ partyId, purpose: dto.purpose, channel: dto.channel, reason: dto.reason }, meta));
  }

  @Post(':id/relationships')
  @Allow(...rolesFor('party.relate'))
  async linkRelationship(@Param('id', uuidPipe) partyId: string, @Body() dto: RelationshipDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    const relationshipId = newId(meta, 'relationship');
    const result = await this.execute(res, new LinkRelationshipCommand({ partyId, relationshipId, kind: dto.kind, toPartyId: dto.toPartyId }, meta));
    return { ...result, relationshipId };
  }

  @Delete(':id/relationships/:relationshipId')
  @Allow(...rolesFor('party.relate'))
  @HttpCode(200)
  unlinkRelationship(@Param('id', uuidPipe) partyId: string, @Param('relationshipId', uuidPipe) relationshipId: string, @Body() dto: ReasonDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new UnlinkRelationshipCommand({ partyId, relationshipId, reason: dto.reason }, meta));
  }

  @Post(':id/merges')
  @Allow(...rolesFor('party.merge'))
  @ApiOperation({ summary: 'Merge this (duplicate) party into a survivor; reversible' })
  merge(@Param('id', uuidPipe) partyId: string, @Body() dto: MergeDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new MergePartyCommand({ partyId, survivorPartyId: dto.survivorPartyId, reason: dto.reason }, meta));
  }

  @Post(':id/merges/reversal')
  @Allow(...rolesFor('party.merge'))
  @HttpCode(200)
  unmerge(@Param('id', uuidPipe) partyId: string, @Body() dto: RequiredReasonDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new UnmergePartyCommand({ partyId, reason: dto.reason }, meta));
  }

  @Post(':id/erasure')
  @Allow(...rolesFor('party.erase'))
  @ApiOperation({ summary: 'Request erasure (right to be forgotten)' })
  requestErasure(@Param('id', uuidPipe) partyId: string, @Body() dto: ErasureDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new RequestErasureCommand({ partyId, legalBasis: dto.legalBasis }, meta));
  }

  @Post(':id/erasure/completion')
  @Allow(...rolesFor('party.erase'))
  @HttpCode(200)
  completeErasure(@Param('id', uuidPipe) partyId: string, @Body() _body: EmptyDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new CompleteErasureCommand({ partyId }, meta));
  }

  @Post(':id/legal-holds')
  @Allow(...rolesFor('party.erase'))
  async placeLegalHold(@Param('id', uuidPipe) partyId: string, @Body() dto: LegalHoldDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    const holdId = newId(meta, 'legal-hold');
    const result = await this.execute(res, new PlaceLegalHoldCommand({ partyId, holdId, reason: dto.reason }, meta));
    return { ...result, holdId };
  }

  @Delete(':id/legal-holds/:holdId')
  @Allow(...rolesFor('party.erase'))
  @HttpCode(200)
  releaseLegalHold(@Param('id', uuidPipe) partyId: string, @Param('holdId', uuidPipe) holdId: string, @Body() dto: ReasonDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    return this.execute(res, new ReleaseLegalHoldCommand({ partyId, holdId, reason: dto.reason }, meta));
  }
}
