import { ApiProperty } from '@nestjs/swagger';

export class DuplicatePartyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The party's full name" }) displayName!: string;
}

/** Parties that share one exact e-mail, phone or identifier. */
export class DuplicateCandidateResponse {
  @ApiProperty({ enum: ['email', 'phone', 'identifier'], description: 'What they share' }) key!: string;
  @ApiProperty({ description: 'The shared value, masked', example: 'j•••@example.org' }) hint!: string;
  @ApiProperty({ type: [DuplicatePartyResponse], minItems: 2, description: 'Active parties the reader sees that share it, in id order' }) parties!: DuplicatePartyResponse[];
}

export class DuplicateCandidatePageResponse {
  @ApiProperty({ type: [DuplicateCandidateResponse] }) items!: DuplicateCandidateResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null when every shared key has been read' }) nextCursor!: string | null;
}
