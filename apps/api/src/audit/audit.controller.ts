import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { AccessLogEntry, Page } from '@civic-ledger/read-models';
import { SignedCheckpoint } from '@civic-ledger/audit';
import {
  AccessLogQuery, ConsistencyProof, ConsistencyProofQuery, InclusionProof, InclusionProofQuery, LedgerVerification, ListCheckpointsQuery, PublicKeyQuery,
  Principal, rolesFor, SignCheckpointCommand, VerifyLedgerQuery,
} from '@civic-ledger/application';
import { ApiError } from '../http/api-error';
import { Allow, CurrentPrincipal } from '../auth/auth.decorators';

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
  @ApiPropertyOptional({ enum: ['viewed', 'listed'], description: 'Only records opened (viewed), or only searches the party appeared in (listed); both when absent' })
  @IsOptional() @IsIn(['viewed', 'listed']) access?: 'viewed' | 'listed';
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'From the previous page' }) @IsOptional() @IsString() @Length(1, 500) cursor?: string;
}

@ApiBearerAuth()
@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queries: QueryBus, private readonly commands: CommandBus) {}

  @Get('access')
  @Allow(...rolesFor('audit.access'))
  @ApiOperation({ summary: 'The access ledger: who looked at a party (partyId), or what a user looked at (actor), newest first; `access` tells records opened (viewed) from searches a party appeared in (listed)' })
  access(@Query() q: AccessQueryDto, @CurrentPrincipal() principal: Principal): Promise<Page<AccessLogEntry>> {
    if ((q.partyId === undefined) === (q.actor === undefined)) {
      throw new ApiError('VALIDATION.FAILED', 'Give exactly one of partyId or actor.', [{ field: 'partyId', messages: ['exactly one of partyId or actor'] }]);
    }
    return this.queries.execute(new AccessLogQuery(principal, q.partyId ? { partyId: q.partyId } : { actor: q.actor as string }, q.limit ?? 50, q.cursor, q.access));
  }

  @Get('verify')
  @Allow(...rolesFor('audit.verify'))
  @ApiOperation({ summary: 'Check every hash chain from genesis to head, and every signed checkpoint against the ledger' })
  verify(@CurrentPrincipal() principal: Principal): Promise<LedgerVerification> {
    return this.queries.execute(new VerifyLedgerQuery(principal));
  }

  @Post('checkpoints')
  @Allow(...rolesFor('audit.sign-checkpoint'))
  @HttpCode(201)
  @ApiOperation({ summary: 'Sign a checkpoint (Merkle root of the whole ledger) now' })
  checkpoint(@CurrentPrincipal() principal: Principal): Promise<SignedCheckpoint> {
    return this.commands.execute(new SignCheckpointCommand(principal));
  }

  @Get('checkpoints')
  @Allow(...rolesFor('audit.checkpoints'))
  async checkpoints(@CurrentPrincipal() principal: Principal): Promise<{ items: SignedCheckpoint[] }> {
    return { items: await this.queries.execute(new ListCheckpointsQuery(principal)) };
  }

  @Get('public-key')
  @Allow(...rolesFor('audit.public-key'))
  @ApiOperation({ summary: 'The Ed25519 public key that verifies checkpoint signatures' })
  publicKey(@CurrentPrincipal() principal: Principal): Promise<{ algorithm: 'Ed25519'; publicKeyPem: string }> {
    return this.queries.execute(new PublicKeyQuery(principal));
  }

  @Get('proofs/inclusion')
  @Allow(...rolesFor('audit.proofs'))
  @ApiOperation({ summary: 'Inclusion proof of the event at a position in a signed checkpoint' })
  inclusion(@Query() q: InclusionQueryDto, @CurrentPrincipal() principal: Principal): Promise<InclusionProof> {
    return this.queries.execute(new InclusionProofQuery(principal, q.position, q.treeSize));
  }

  @Get('proofs/consistency')
  @Allow(...rolesFor('audit.proofs'))
  @ApiOperation({ summary: 'Proof that the checkpoint of tree size `second` extends the one of size `first`' })
  consistency(@Query() q: ConsistencyQueryDto, @CurrentPrincipal() principal: Principal): Promise<ConsistencyProof> {
    return this.queries.execute(new ConsistencyProofQuery(principal, q.first, q.second));
  }
}
