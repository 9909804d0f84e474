import { ApiProperty } from '@nestjs/swagger';

/** Body of every successful write (see write-response.ts); headers carry ETag and X-Ledger-Position. */
export class WriteResultResponse {
  @ApiProperty({ format: 'uuid', description: 'The record written (party, interaction or correspondence)' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Revision of the record after the write; the ETag' }) revision!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Ledger position; send it as X-Min-Position to read your own write' }) position!: number;
  @ApiProperty({ description: 'True when an Idempotency-Key replay answered with the first result' }) replayed!: boolean;
}

export class ContactPointAddedResponse extends WriteResultResponse {
  @ApiProperty({ format: 'uuid' }) contactPointId!: string;
}

export class RelationshipLinkedResponse extends WriteResultResponse {
  @ApiProperty({ format: 'uuid' }) relationshipId!: string;
}

export class LegalHoldPlacedResponse extends WriteResultResponse {
  @ApiProperty({ format: 'uuid' }) holdId!: string;
}
