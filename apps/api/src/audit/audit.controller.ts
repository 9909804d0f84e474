import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { IQueryHandler, Query as CqrsQuery, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { AccessLogEntry, findAccess, Page, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { EventStore } from '@civic-ledger/event-store';
import {
  CheckpointFailure, CheckpointSigner, consistencyProof, createCheckpoint, inclusionProof, ledgerLeaves, listCheckpoints, SignedCheckpoint,
  verifyChains, verifyCheckpoints, VerifyReport,
} from '@civic-ledger/audit';
import { ApiError } from '../http/api-error';
import { AUDIT_SIGNER, STORED_EVENTS } from '../infrastructure/infrastructure.module';
import { Allow } from '../auth/auth.decorators';
import { ANY_ROLE } from '../auth/role-groups';

export class VerifyLedgerQuery extends CqrsQuery<VerifyReport & { checkpoints: { checked: number; failures: CheckpointFailure[] } }> {}

@QueryHandler(VerifyLedgerQuery)
export class VerifyLedgerHandler implements IQueryHandler<VerifyLedgerQuery> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore, @Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner) {}

  async execute() {
    const chains = await verifyChains(this.events);
    const checkpoints = await verifyCheckpoints(this.events, this.signer.publicKeyPem);
    return { ...chains, ok: chains.ok && checkpoints.failures.length === 0, checkpoints };
  }
}

class InclusionQueryDto {
  @ApiPropertyOptional({ description: 'Global ledger position of the event (from an export)' }) @Type(() => Number) @IsInt() @Min(1) position!: number;
  @ApiPropertyOptional({ description: 'Tree size of the checkpoint to prove against (default: the latest)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) treeSize?: number;
}

class ConsistencyQueryDto {
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1) first!: number;
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1) second!: number;
}

class AccessQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Who looked at this party' }) @IsOptional() @IsUUID() partyId?: string;
  @ApiPropertyOptional({ description: 'What this user (token subject) looked at' }) @IsOptional() @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'actor must be a token subject' }) actor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'From the previous page' }) @IsOptional() @IsString() @Length(1, 500) cursor?: string;
}

const hex = (proof: Buffer[]) => proof.map((b) => b.toString('hex'));

@ApiBearerAuth()
@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(STORED_EVENTS) private readonly events: EventStore,
    @Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner,
    @Inject(READ_STORE) private readonly views: ReadStore,
  ) {}

  @Get('access')
  @Allow('auditor', 'privacy-officer')
  @ApiOperation({ summary: 'The access ledger: who looked at a party (partyId), or what a user looked at (actor), newest first' })
  access(@Query() q: AccessQueryDto): Promise<Page<AccessLogEntry>> {
    if ((q.partyId === undefined) === (q.actor === undefined)) {
      throw new ApiError('VALIDATION.FAILED', 'Give exactly one of partyId or actor.', [{ field: 'partyId', messages: ['exactly one of partyId or actor'] }]);
    }
    return findAccess(this.views, q.partyId ? { partyId: q.partyId } : { actor: q.actor as string }, q.limit ?? 50, q.cursor);
  }

  @Get('verify')
  @Allow('auditor')
  @ApiOperation({ summary: 'Check every hash chain from genesis to head, and every signed checkpoint against the ledger' })
  verify() {
    return this.queries.execute(new VerifyLedgerQuery());
  }

  @Post('checkpoints')
  @Allow('auditor')
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign a checkpoint (Merkle root of the whole ledger) now' })
  checkpoint(): Promise<SignedCheckpoint> {
    return createCheckpoint(this.events, this.signer, new Date());
  }

  @Get('checkpoints')
  @Allow('auditor', 'service')
  async checkpoints(): Promise<{ items: SignedCheckpoint[] }> {
    return { items: await listCheckpoints(this.events) };
  }

  @Get('public-key')
  @Allow(...ANY_ROLE)
  @ApiOperation({ summary: 'The Ed25519 public key that verifies checkpoint signatures' })
  publicKey(): { algorithm: 'Ed25519'; publicKeyPem: string } {
    return { algorithm: 'Ed25519', publicKeyPem: this.signer.publicKeyPem };
  }

  @Get('proofs/inclusion')
  @Allow('auditor', 'service')
  @ApiOperation({ summary: 'Inclusion proof of the event at a position in a signed checkpoint' })
  async inclusion(@Query() q: InclusionQueryDto) {
    const checkpoint = await this.checkpointOfSize(q.treeSize);
    const { leaves, positions } = await ledgerLeaves(this.events, checkpoint.position);
    const leafIndex = positions.indexOf(q.position);
    if (leafIndex < 0 || leafIndex >= checkpoint.treeSize) throw new ApiError('VALIDATION.FAILED', 'No event at that position is covered by the checkpoint.', [{ field: 'position', messages: ['not covered by the checkpoint'] }]);
    return { position: q.position, leafIndex, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, proof: hex(inclusionProof(leaves, leafIndex, checkpoint.treeSize)) };
  }

  @Get('proofs/consistency')
  @Allow('auditor', 'service')
  @ApiOperation({ summary: 'Proof that the checkpoint of tree size `second` extends the one of size `first`' })
  async consistency(@Query() q: ConsistencyQueryDto) {
    const first = await this.checkpointOfSize(q.first);
    const second = await this.checkpointOfSize(q.second);
    if (first.treeSize > second.treeSize) throw new ApiError('VALIDATION.FAILED', 'first must not be larger than second.', [{ field: 'first', messages: ['must be <= second'] }]);
    const { leaves } = await ledgerLeaves(this.events, second.position);
    return { first: first.treeSize, second: second.treeSize, firstRootHash: first.rootHash, secondRootHash: second.rootHash, proof: hex(consistencyProof(leaves, first.treeSize, second.treeSize)) };
  }

  private async checkpointOfSize(treeSize?: number): Promise<SignedCheckpoint> {
    const all = await listCheckpoints(this.events);
    const found = treeSize === undefined ? all[all.length - 1] : all.find((c) => c.treeSize === treeSize);
    if (!found) throw new ApiError('VALIDATION.FAILED', 'No signed checkpoint of that tree size; list them at /v1/audit/checkpoints or sign one.', [{ field: 'treeSize', messages: ['no such checkpoint'] }]);
    return found;
  }
}
