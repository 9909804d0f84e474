import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsISO31661Alpha2, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches,
  ValidateIf, ValidateNested,
} from 'class-validator';
import { Trim } from '../http/trim';

export const PARTY_KINDS = ['person', 'organisation'] as const;
export const CONTACT_KINDS = ['email', 'phone', 'postal'] as const;
export const RELATIONSHIP_KINDS = ['spouse', 'guardian', 'employee-of', 'representative', 'parent', 'child', 'other'] as const;
export const CONSENT_CHANNELS = ['email', 'phone', 'sms', 'letter', 'counter', 'web', 'chat', 'social', 'field-visit', 'any'] as const;
const SLUG = /^[a-z0-9][a-z0-9-]{0,59}$/;
const DATE_ONLY = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class NameDto {
  @ApiProperty({ example: 'Zoë Núñez', maxLength: 200 }) @Trim() @IsString() @Length(1, 200) full!: string;
  @ApiPropertyOptional({ example: 'Zoë' }) @IsOptional() @Trim() @IsString() @Length(1, 100) given?: string;
  @ApiPropertyOptional({ example: 'Núñez' }) @IsOptional() @Trim() @IsString() @Length(1, 100) family?: string;
}

export class PostalAddressDto {
  @ApiProperty({ type: [String], example: ['12 High Street', 'Flat 3'] }) @IsArray() @ArrayMaxSize(5) @IsString({ each: true }) @Length(1, 120, { each: true }) lines!: string[];
  @ApiPropertyOptional({ example: 'AB1 2CD' }) @IsOptional() @IsString() @Length(1, 20) postcode?: string;
  @ApiPropertyOptional({ example: 'Springfield' }) @IsOptional() @IsString() @Length(1, 100) city?: string;
  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2' }) @IsISO31661Alpha2() country!: string;
}

export class ContactPointDto {
  @ApiProperty({ enum: CONTACT_KINDS }) @IsIn(CONTACT_KINDS) kind!: (typeof CONTACT_KINDS)[number];
  @ApiPropertyOptional({ example: 'zoe@example.org', description: 'E-mail address or phone number; omitted for postal (use address).' })
  @ValidateIf((o: ContactPointDto) => o.kind !== 'postal') @Trim() @IsString() @Length(3, 320) value?: string;
  @ApiPropertyOptional({ type: PostalAddressDto })
  @ValidateIf((o: ContactPointDto) => o.kind === 'postal') @IsDefined() @ValidateNested() @Type(() => PostalAddressDto) address?: PostalAddressDto;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() verified?: boolean;
  @ApiPropertyOptional({ example: 'home' }) @IsOptional() @IsString() @Length(1, 40) label?: string;
}

export class IdentifierDto {
  @ApiProperty({ example: 'client-number', description: 'lower-case scheme name' }) @Matches(SLUG, { message: 'scheme must be lower-case letters, digits and dashes' }) scheme!: string;
  @ApiProperty({ example: 'C-100234' }) @Trim() @IsString() @Length(1, 100) value!: string;
}

export class RegisterPartyDto {
  @ApiProperty({ enum: PARTY_KINDS }) @IsIn(PARTY_KINDS) kind!: (typeof PARTY_KINDS)[number];
  @ApiProperty({ type: NameDto }) @IsDefined() @ValidateNested() @Type(() => NameDto) name!: NameDto;
  @ApiPropertyOptional({ example: '1984-02-29' }) @IsOptional() @Matches(DATE_ONLY, { message: 'birthDate must be a date YYYY-MM-DD from 1900 on' }) @IsISO8601({ strict: true }) birthDate?: string;
  @ApiPropertyOptional({ example: 'en' }) @IsOptional() @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'preferredLanguage must be a BCP 47 tag such as en or cy-GB' }) preferredLanguage?: string;
  @ApiPropertyOptional({ type: [ContactPointDto] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ContactPointDto) contactPoints?: ContactPointDto[];
  @ApiPropertyOptional({ type: [IdentifierDto] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => IdentifierDto) identifiers?: IdentifierDto[];
  @ApiPropertyOptional({ example: 'housing', description: "Registering department; default: the first of the token's departments" })
  @IsOptional() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'department must be lower-case letters, digits and dashes' }) department?: string;
}

export class ChangeNameDto {
  @ApiProperty({ type: NameDto }) @IsDefined() @ValidateNested() @Type(() => NameDto) name!: NameDto;
  @ApiPropertyOptional({ example: 'marriage' }) @IsOptional() @IsString() @Length(1, 200) reason?: string;
}

export class ReasonDto {
  @ApiPropertyOptional({ example: 'no longer in use' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class RequiredReasonDto {
  @ApiProperty({ example: 'confirmed duplicate by phone' }) @IsString() @Length(1, 500) reason!: string;
}

export class ConsentDto {
  @ApiProperty({ example: 'appointment-reminders' }) @Matches(SLUG, { message: 'purpose must be lower-case letters, digits and dashes' }) purpose!: string;
  @ApiProperty({ enum: CONSENT_CHANNELS }) @IsIn(CONSENT_CHANNELS) channel!: (typeof CONSENT_CHANNELS)[number];
  @ApiPropertyOptional({ example: 'signed form ref 55' }) @IsOptional() @IsString() @Length(1, 200) evidence?: string;
}

export class WithdrawConsentDto {
  @ApiProperty({ example: 'appointment-reminders' }) @Matches(SLUG, { message: 'purpose must be lower-case letters, digits and dashes' }) purpose!: string;
  @ApiProperty({ enum: CONSENT_CHANNELS }) @IsIn(CONSENT_CHANNELS) channel!: (typeof CONSENT_CHANNELS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class RelationshipDto {
  @ApiProperty({ enum: RELATIONSHIP_KINDS }) @IsIn(RELATIONSHIP_KINDS) kind!: (typeof RELATIONSHIP_KINDS)[number];
  @ApiProperty({ format: 'uuid' }) @IsUUID() toPartyId!: string;
}

export class MergeDto {
  @ApiProperty({ format: 'uuid', description: 'The party that remains; this one becomes its alias.' }) @IsUUID() survivorPartyId!: string;
  @ApiProperty({ example: 'same person: matching birth date and address' }) @IsString() @Length(1, 500) reason!: string;
}

export class ErasureDto {
  @ApiProperty({ example: 'GDPR art. 17(1)(a), request ref 2024-117' }) @IsString() @Length(1, 500) legalBasis!: string;
}

export class LegalHoldDto {
  @ApiProperty({ example: 'litigation ref 55/2024' }) @IsString() @Length(1, 500) reason!: string;
}

/** For commands that take no body: any field sent is refused rather than ignored. */
export class EmptyDto {}
