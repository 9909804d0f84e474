import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { CORRESPONDENCE_CHANNELS, CORRESPONDENCE_STATUSES } from '@civic-ledger/domain';
import { IsInstant } from '../http/instant';
import { BreakGlassDto } from '../http/break-glass.dto';

const SLUG = /^[a-z0-9][a-z0-9-]{0,59}$/;

export class AttachmentDto {
  @ApiProperty({ example: 'letter-scan.pdf' }) @IsString() @Length(1, 255) name!: string;
  @ApiProperty({ example: 'application/pdf' }) @Matches(/^[a-z]+\/[a-z0-9.+-]+$/i, { message: 'mediaType must be a media type such as application/pdf' }) mediaType!: string;
  @ApiProperty({ example: 48213 }) @IsInt() @Min(0) @Max(10 * 1024 * 1024 * 1024) sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the file content, hex' }) @Matches(/^[a-f0-9]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' }) sha256!: string;
}

export class ReceiveCorrespondenceDto {
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true }) partyIds!: string[];
  @ApiProperty({ enum: CORRESPONDENCE_CHANNELS }) @IsIn(CORRESPONDENCE_CHANNELS) channel!: (typeof CORRESPONDENCE_CHANNELS)[number];
  @ApiProperty({ example: 'Complaint about missed bin collection' }) @IsString() @Length(1, 300) subject!: string;
  @ApiProperty({ example: '2024-05-01T09:00:00Z' }) @IsInstant() receivedAt!: string;
  @ApiProperty({ example: '2024-05-21T17:00:00Z', description: 'Due date under the service level' }) @IsInstant() dueAt!: string;
  @ApiProperty({ example: 'waste' }) @Matches(SLUG, { message: 'department must be lower-case letters, digits and dashes' }) department!: string;
  @ApiPropertyOptional({ example: 'COMP-2024-0117' }) @IsOptional() @IsString() @Length(1, 100) reference?: string;
  @ApiPropertyOptional({ type: [AttachmentDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AttachmentDto) attachments?: AttachmentDto[];
  @ApiPropertyOptional({ type: BreakGlassDto, description: 'Needed when a party named here is held by another department (403 AUTH.BREAK_GLASS_REQUIRED otherwise).' })
  @IsOptional() @ValidateNested() @Type(() => BreakGlassDto) breakGlass?: BreakGlassDto;
}

export class AcknowledgeDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

export class AssignDto {
  @ApiProperty({ example: 'staff-1042' }) @Matches(/^[A-Za-z0-9._:@-]{1,100}$/, { message: 'assigneeId must be a staff id' }) assigneeId!: string;
  @ApiPropertyOptional({ example: 'waste' }) @IsOptional() @Matches(SLUG) department?: string;
}

export class RespondDto {
  @ApiProperty({ example: 'Apologised; collection rescheduled for Friday.' }) @IsString() @Length(1, 4000) summary!: string;
  @ApiProperty({ enum: CORRESPONDENCE_CHANNELS }) @IsIn(CORRESPONDENCE_CHANNELS) channel!: (typeof CORRESPONDENCE_CHANNELS)[number];
  @ApiPropertyOptional({ type: [AttachmentDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AttachmentDto) attachments?: AttachmentDto[];
}

export class CloseDto {
  @ApiProperty({ example: 'resolved' }) @IsString() @Length(1, 500) resolution!: string;
}

export class ReopenDto {
  @ApiProperty({ example: 'citizen replied' }) @IsString() @Length(1, 500) reason!: string;
  @ApiPropertyOptional({ example: '2024-06-01T17:00:00Z' }) @IsOptional() @IsInstant() dueAt?: string;
}

export class ListCorrespondenceDto {
  @ApiPropertyOptional({ enum: CORRESPONDENCE_STATUSES }) @IsOptional() @IsIn(CORRESPONDENCE_STATUSES) status?: string;
  @ApiPropertyOptional({ example: '2024-06-01T00:00:00Z' }) @IsOptional() @IsInstant() dueBefore?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) cursor?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
