import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CONSENT_CHANNELS } from './party-write.dto';
import { CHANNELS } from '@civic-ledger/domain';
import { IsInstant } from '../http/instant';

/** Bitemporal read: as known at `asOf` (recordedAt), as occurred by `occurredBy` (business time). */
export class PointInTimeDto {
  @ApiPropertyOptional({ description: 'Show what was recorded by this instant (system time).', example: '2024-01-01T00:00:00Z' })
  @IsOptional() @IsInstant() asOf?: string;
  @ApiPropertyOptional({ description: 'Show only what had occurred by this instant (business time).', example: '2024-01-01T00:00:00Z' })
  @IsOptional() @IsInstant() occurredBy?: string;
}

export class SearchPartiesDto {
  @ApiPropertyOptional({ description: 'Name words, accent- and case-insensitive prefixes.', example: 'zoe nun' }) @IsOptional() @IsString() @Length(1, 200) q?: string;
  @ApiPropertyOptional({ example: 'zoe@example.org' }) @IsOptional() @IsString() @Length(3, 320) email?: string;
  @ApiPropertyOptional({ example: '+442079460018', format: 'phone', description: "Phone number: international (+44…) or national for the server's phone region" })
  @IsOptional() @IsString() @Length(3, 40) phone?: string;
  @ApiPropertyOptional({ example: 'C-100234' }) @IsOptional() @IsString() @Length(1, 100) identifier?: string;
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class TimelineQueryDto extends PointInTimeDto {
  @ApiPropertyOptional({ enum: [...CHANNELS, 'fax'] }) @IsOptional() @IsIn([...CHANNELS, 'fax']) channel?: string;
  @ApiPropertyOptional({ example: 'housing-benefit' }) @IsOptional() @IsString() @Length(1, 60) topic?: string;
  @ApiPropertyOptional({ example: 'housing' }) @IsOptional() @IsString() @Length(1, 60) department?: string;
  @ApiPropertyOptional({ description: 'occurredAt from (inclusive)' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ description: 'occurredAt to (inclusive)' }) @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @Length(1, 500) cursor?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ChangesQueryDto {
  @ApiProperty({ example: '2024-01-01T00:00:00Z' }) @IsInstant() from!: string;
  @ApiProperty({ example: '2024-06-01T00:00:00Z' }) @IsInstant() to!: string;
}

export class ConsentCheckDto {
  @ApiProperty({ example: 'appointment-reminders' }) @Matches(/^[a-z0-9][a-z0-9-]{0,59}$/, { message: 'purpose must be lower-case letters, digits and dashes' }) purpose!: string;
  @ApiProperty({ enum: CONSENT_CHANNELS.filter((c) => c !== 'any') }) @IsIn(CONSENT_CHANNELS.filter((c) => c !== 'any')) channel!: string;
  @ApiPropertyOptional({ description: 'The instant to decide for (business time); default now.', example: '2024-06-01T09:00:00Z' })
  @IsOptional() @IsInstant() at?: string;
}
