import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, CONFIDENTIALITY_LEVELS, DIRECTIONS } from '@civic-ledger/domain';

const INSTANT = { type: String, format: 'date-time' } as const;

export class InteractionAmendmentResponse {
  @ApiProperty(INSTANT) at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) changes!: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) previous?: Record<string, unknown>;
}

/** One recorded contact, as GET /v1/interactions/{id} answers it. */
export class InteractionViewResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: DIRECTIONS }) direction!: string;
  @ApiProperty(INSTANT) occurredAt!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) partyIds!: string[];
  @ApiPropertyOptional() staffId?: string;
  @ApiProperty() department!: string;
  @ApiPropertyOptional() program?: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty() summary!: string;
  @ApiPropertyOptional() outcome?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5 }) satisfaction?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 }) durationSeconds?: number;
  @ApiProperty({ enum: CONFIDENTIALITY_LEVELS }) confidentiality!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) correspondenceIds!: string[];
  @ApiProperty({ type: [InteractionAmendmentResponse] }) amendments!: InteractionAmendmentResponse[];
  @ApiProperty(INSTANT) recordedAt!: string;
  @ApiProperty() recordedBy!: string;
  @ApiPropertyOptional({ format: 'uuid' }) recordedEventId?: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Revision of the interaction stream; the ETag' }) revision!: number;
  @ApiPropertyOptional(INSTANT) updatedAt?: string;
}
