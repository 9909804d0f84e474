import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes of the party reads (the read models' PartyView, TimelineEntry, …) for the OpenAPI document. */
const INSTANT = { type: String, format: 'date-time' } as const;

export class PartyNameResponse {
  @ApiProperty() full!: string;
  @ApiPropertyOptional() given?: string;
  @ApiPropertyOptional() family?: string;
}

export class ContactPointResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['email', 'phone', 'postal'] }) kind!: string;
  @ApiProperty() value!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) address?: Record<string, unknown>;
  @ApiProperty() verified!: boolean;
  @ApiPropertyOptional() label?: string;
  @ApiProperty(INSTANT) since!: string;
}

export class IdentifierResponse {
  @ApiProperty() scheme!: string;
  @ApiProperty() value!: string;
  @ApiProperty(INSTANT) since!: string;
}

export class RelationshipResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ format: 'uuid' }) partyId!: string;
  @ApiProperty({ enum: ['outgoing', 'incoming'] }) direction!: string;
  @ApiProperty(INSTANT) since!: string;
}

export class ConsentResponse {
  @ApiProperty() purpose!: string;
  @ApiProperty() channel!: string;
  @ApiProperty(INSTANT) since!: string;
}

export class ConsentHistoryEntryResponse {
  @ApiProperty() purpose!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ enum: ['given', 'withdrawn'] }) action!: string;
  @ApiProperty(INSTANT) at!: string;
  @ApiProperty(INSTANT) recordedAt!: string;
}

export class LegalHoldResponse {
  @ApiProperty({ format: 'uuid' }) holdId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty(INSTANT) since!: string;
}

export class ErasureStateResponse {
  @ApiProperty() legalBasis!: string;
  @ApiProperty(INSTANT) requestedAt!: string;
  @ApiPropertyOptional(INSTANT) erasedAt?: string;
}

export class OpenCorrespondenceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() status!: string;
  @ApiProperty(INSTANT) dueAt!: string;
  @ApiProperty() department!: string;
  @ApiProperty(INSTANT) receivedAt!: string;
}

export class LastContactResponse {
  @ApiProperty(INSTANT) at!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ format: 'uuid' }) interactionId!: string;
}

/** The consolidated view of a party (what the reader may see of it). */
export class PartyViewResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['person', 'organisation'] }) kind!: string;
  @ApiProperty({ type: PartyNameResponse }) name!: PartyNameResponse;
  @ApiPropertyOptional() sortName?: string;
  @ApiPropertyOptional() birthDate?: string;
  @ApiPropertyOptional() preferredLanguage?: string;
  @ApiProperty({ enum: ['active', 'merged', 'erased'] }) status!: string;
  @ApiProperty({ type: [ContactPointResponse] }) contactPoints!: ContactPointResponse[];
  @ApiProperty({ type: [IdentifierResponse] }) identifiers!: IdentifierResponse[];
  @ApiProperty({ type: [RelationshipResponse] }) relationships!: RelationshipResponse[];
  @ApiProperty({ type: [ConsentResponse] }) consents!: ConsentResponse[];
  @ApiPropertyOptional({ type: [ConsentHistoryEntryResponse] }) consentHistory?: ConsentHistoryEntryResponse[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) mergedInto!: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) mergedFrom!: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) linkedPartyIds?: string[];
  @ApiPropertyOptional({ type: [LegalHoldResponse] }) legalHolds?: LegalHoldResponse[];
  @ApiProperty({ type: [String] }) departments!: string[];
  @ApiPropertyOptional({ type: ErasureStateResponse, nullable: true }) erasure?: ErasureStateResponse | null;
  @ApiPropertyOptional({ type: [OpenCorrespondenceResponse] }) openCorrespondence?: OpenCorrespondenceResponse[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'Interactions per channel' }) interactionCounts?: Record<string, number>;
  @ApiPropertyOptional({ type: LastContactResponse, nullable: true }) lastContact?: LastContactResponse | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Revision of the party stream; the ETag' }) revision!: number;
  @ApiPropertyOptional(INSTANT) registeredAt?: string;
  @ApiPropertyOptional(INSTANT) updatedAt?: string;
}

/** A search hit: the party's view, or (for a match the reader may not see) a stub with only the id. */
export class PartySearchHitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({
    type: String, nullable: true, example: 'j•••@example.org',
    description: 'Masked hint to tell namesakes apart: part of the e-mail, phone or identifier searched for (else the first one the party has); null when it has none. Absent on a stub',
  }) hint?: string | null;
}

export class PartySearchResponse {
  @ApiProperty({ type: [PartySearchHitResponse], description: 'Parties the reader may see, as in GET /v1/parties/{id}' }) items!: PartySearchHitResponse[];
}

export class TimelineEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) partyId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) position!: number;
  @ApiProperty() streamId!: string;
  @ApiProperty() refId!: string;
  @ApiProperty({ enum: ['interaction', 'correspondence', 'profile'] }) kind!: string;
  @ApiProperty() type!: string;
  @ApiProperty(INSTANT) occurredAt!: string;
  @ApiProperty(INSTANT) recordedAt!: string;
  @ApiProperty() actor!: string;
  @ApiPropertyOptional() channel?: string;
  @ApiPropertyOptional() direction?: string;
  @ApiPropertyOptional() department?: string;
  @ApiPropertyOptional() audience?: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty() title!: string;
  @ApiPropertyOptional() summary?: string;
  @ApiProperty() confidentiality!: string;
  @ApiPropertyOptional() amended?: boolean;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;
}

export class TimelinePageResponse {
  @ApiProperty({ type: [TimelineEntryResponse] }) items!: TimelineEntryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export class ConsentBasisResponse {
  @ApiProperty({ enum: ['consent', 'no-consent', 'party-erased', 'party-merged'] }) kind!: string;
  @ApiPropertyOptional({ enum: ['given', 'withdrawn'] }) action?: string;
  @ApiPropertyOptional() channel?: string;
  @ApiPropertyOptional(INSTANT) at?: string;
  @ApiPropertyOptional(INSTANT) recordedAt?: string;
}

export class ConsentDecisionResponse {
  @ApiProperty() allowed!: boolean;
  @ApiProperty() purpose!: string;
  @ApiProperty() channel!: string;
  @ApiProperty(INSTANT) at!: string;
  @ApiProperty({ type: ConsentBasisResponse }) basis!: ConsentBasisResponse;
}

export class ChangedEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) revision!: number;
  @ApiProperty(INSTANT) occurredAt!: string;
  @ApiProperty(INSTANT) recordedAt!: string;
  @ApiProperty() actor!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) data?: Record<string, unknown>;
}

const ANY_JSON = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object' }, { type: 'array', items: {} }, { type: 'string', nullable: true, enum: [null] }];

export class FieldChangeResponse {
  @ApiProperty({ example: 'name.full' }) path!: string;
  @ApiProperty({ oneOf: ANY_JSON, description: 'The value before; null when absent' }) before!: unknown;
  @ApiProperty({ oneOf: ANY_JSON, description: 'The value after; null when absent' }) after!: unknown;
}

export class PartyChangesResponse {
  @ApiProperty(INSTANT) from!: string;
  @ApiProperty(INSTANT) to!: string;
  @ApiProperty() existedAtFrom!: boolean;
  @ApiProperty({ type: [ChangedEventResponse] }) events!: ChangedEventResponse[];
  @ApiProperty({ type: [FieldChangeResponse] }) view!: FieldChangeResponse[];
}
