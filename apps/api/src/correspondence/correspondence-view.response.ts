import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CORRESPONDENCE_CHANNELS, CORRESPONDENCE_STATUSES } from '@civic-ledger/domain';

const INSTANT = { type: String, format: 'date-time' } as const;

export class CorrespondenceAttachmentResponse {
  @ApiProperty() name!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) sizeBytes!: number;
  @ApiProperty({ pattern: '^[a-f0-9]{64}$' }) sha256!: string;
}

export class CorrespondenceStepResponse {
  @ApiProperty() step!: string;
  @ApiProperty(INSTANT) at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty(INSTANT) recordedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

/** A piece of correspondence and its lifecycle, as GET /v1/correspondence/{id} answers it. */
export class CorrespondenceViewResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) partyIds!: string[];
  @ApiProperty({ enum: CORRESPONDENCE_CHANNELS }) channel!: string;
  @ApiProperty() subject!: string;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty(INSTANT) receivedAt!: string;
  @ApiProperty(INSTANT) dueAt!: string;
  @ApiProperty() department!: string;
  @ApiProperty({ type: [CorrespondenceAttachmentResponse] }) attachments!: CorrespondenceAttachmentResponse[];
  @ApiProperty({ enum: CORRESPONDENCE_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) assigneeId!: string | null;
  @ApiProperty({ type: [CorrespondenceStepResponse] }) steps!: CorrespondenceStepResponse[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Revision of the correspondence stream; the ETag' }) revision!: number;
  @ApiPropertyOptional(INSTANT) updatedAt?: string;
}

export class CorrespondencePageResponse {
  @ApiProperty({ type: [CorrespondenceViewResponse] }) items!: CorrespondenceViewResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}
