import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { CHANNELS, CONFIDENTIALITY_LEVELS, DIRECTIONS } from '@civic-ledger/domain';
import { IsInstant } from '../http/instant';
import { BreakGlassDto } from '../http/break-glass.dto';

const SLUG = /^[a-z0-9][a-z0-9-]{0,59}$/;

export class RecordInteractionDto {
  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ApiProperty({ enum: DIRECTIONS }) @IsIn(DIRECTIONS) direction!: (typeof DIRECTIONS)[number];
  @ApiProperty({ example: '2024-05-01T09:30:00Z' }) @IsInstant() occurredAt!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ArrayUnique() @IsUUID('all', { each: true }) partyIds!: string[];
  @ApiPropertyOptional({ example: 'staff-1042' }) @IsOptional() @Matches(/^[A-Za-z0-9._:@-]{1,100}$/) staffId?: string;
  @ApiProperty({ example: 'housing' }) @Matches(SLUG, { message: 'department must be lower-case letters, digits and dashes' }) department!: string;
  @ApiPropertyOptional({ example: 'rent-support' }) @IsOptional() @Matches(SLUG) program?: string;
  @ApiProperty({ type: [String], example: ['housing-benefit'] }) @IsArray() @ArrayMaxSize(20) @ArrayUnique() @Matches(SLUG, { each: true, message: 'each topic must be lower-case letters, digits and dashes' }) topics!: string[];
  @ApiProperty({ example: 'Asked how to apply for housing benefit; sent the form.' }) @IsString() @Length(1, 4000) summary!: string;
  @ApiPropertyOptional({ example: 'form-sent' }) @IsOptional() @IsString() @Length(1, 200) outcome?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) satisfaction?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 86400 }) @IsOptional() @IsInt() @Min(0) @Max(86400) durationSeconds?: number;
  @ApiPropertyOptional({ enum: CONFIDENTIALITY_LEVELS, default: 'normal' }) @IsOptional() @IsIn(CONFIDENTIALITY_LEVELS) confidentiality?: (typeof CONFIDENTIALITY_LEVELS)[number];
  @ApiPropertyOptional({ type: BreakGlassDto, description: 'Needed when a party named here is held by another department (403 AUTH.BREAK_GLASS_REQUIRED otherwise).' })
  @IsOptional() @ValidateNested() @Type(() => BreakGlassDto) breakGlass?: BreakGlassDto;
}

export class InteractionChangesDto extends PartialType(
  PickType(RecordInteractionDto, ['occurredAt', 'department', 'program', 'topics', 'summary', 'outcome', 'satisfaction', 'durationSeconds'] as const),
) {}

export class AmendInteractionDto {
  @ApiProperty({ type: InteractionChangesDto }) @IsDefined() @ValidateNested() @Type(() => InteractionChangesDto) changes!: InteractionChangesDto;
  @ApiProperty({ example: 'summary mistyped' }) @IsString() @Length(1, 500) reason!: string;
}

export class LinkCorrespondenceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() correspondenceId!: string;
}

export class ConfidentialityDto {
  @ApiProperty({ enum: CONFIDENTIALITY_LEVELS }) @IsIn(CONFIDENTIALITY_LEVELS) level!: (typeof CONFIDENTIALITY_LEVELS)[number];
  @ApiPropertyOptional({ example: 'safeguarding concern' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}
