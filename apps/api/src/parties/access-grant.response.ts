import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const INSTANT = { type: String, format: 'date-time' } as const;

/** A break-glass grant as privacy officers review it. */
export class AccessGrantResponse {
  @ApiProperty({ format: 'uuid', description: 'The grant id' }) id!: string;
  @ApiProperty({ format: 'uuid' }) partyId!: string;
  @ApiProperty({ example: 'waste' }) department!: string;
  @ApiProperty({ description: 'Why the glass was broken, as the member of staff stated it' }) reason!: string;
  @ApiProperty({ description: 'Subject of the token that broke the glass' }) grantedBy!: string;
  @ApiProperty(INSTANT) grantedAt!: string;
  @ApiProperty({ enum: ['active', 'revoked'] }) status!: 'active' | 'revoked';
  @ApiPropertyOptional() revokedBy?: string;
  @ApiPropertyOptional(INSTANT) revokedAt?: string;
  @ApiPropertyOptional() revocationReason?: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) position!: number;
}

export class AccessGrantPageResponse {
  @ApiProperty({ type: [AccessGrantResponse] }) items!: AccessGrantResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}
