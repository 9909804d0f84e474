import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const INSTANT = { type: String, format: 'date-time' } as const;
const HEX = { type: String, pattern: '^[a-f0-9]+$' } as const;

export class ChainBreakResponse {
  @ApiProperty({ enum: ['hash-mismatch', 'broken-link', 'revision-gap'] }) kind!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiPropertyOptional({ type: 'integer' }) revision?: number;
  @ApiPropertyOptional({ type: 'integer' }) expectedRevision?: number;
  @ApiPropertyOptional({ type: 'integer' }) foundRevision?: number;
}

export class MissingTailResponse {
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer' }) expectedRevision!: number;
  @ApiProperty({ type: 'integer' }) foundRevision!: number;
}

export class CheckpointFailureResponse {
  @ApiProperty({ type: 'integer' }) treeSize!: number;
  @ApiProperty({ enum: ['signature-invalid', 'root-mismatch', 'ledger-shorter'] }) problem!: string;
}

export class CheckpointVerificationResponse {
  @ApiProperty({ type: 'integer', minimum: 0 }) checked!: number;
  @ApiProperty({ type: [CheckpointFailureResponse] }) failures!: CheckpointFailureResponse[];
}

export class VerifyLedgerResponse {
  @ApiProperty({ description: 'Every chain intact and every checkpoint valid' }) ok!: boolean;
  @ApiProperty({ type: 'integer', minimum: 0 }) events!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) streams!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) headPosition!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) eventTypes!: Record<string, number>;
  @ApiProperty({ type: [ChainBreakResponse] }) breaks!: ChainBreakResponse[];
  @ApiProperty({ type: [MissingTailResponse] }) missingTail!: MissingTailResponse[];
  @ApiProperty({ type: CheckpointVerificationResponse }) checkpoints!: CheckpointVerificationResponse;
}

export class SignedCheckpointResponse {
  @ApiProperty({ type: 'integer', minimum: 0 }) treeSize!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) position!: number;
  @ApiProperty(HEX) rootHash!: string;
  @ApiProperty(INSTANT) signedAt!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty() signature!: string;
}

export class CheckpointListResponse {
  @ApiProperty({ type: [SignedCheckpointResponse] }) items!: SignedCheckpointResponse[];
}

export class PublicKeyResponse {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: string;
  @ApiProperty() publicKeyPem!: string;
}

export class InclusionProofResponse {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) leafIndex!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) treeSize!: number;
  @ApiProperty(HEX) rootHash!: string;
  @ApiProperty({ type: [String], pattern: '^[a-f0-9]+$' }) proof!: string[];
}

export class ConsistencyProofResponse {
  @ApiProperty({ type: 'integer' }) first!: number;
  @ApiProperty({ type: 'integer' }) second!: number;
  @ApiProperty(HEX) firstRootHash!: string;
  @ApiProperty(HEX) secondRootHash!: string;
  @ApiProperty({ type: [String], pattern: '^[a-f0-9]+$' }) proof!: string[];
}

export class AccessListingResponse {
  @ApiProperty({ description: 'Id of the listing (one per search) in the access ledger' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'How many parties the listing showed' }) parties!: number;
}

export class AccessLogEntryResponse {
  @ApiProperty({ description: 'Id of the access-ledger entry' }) id!: string;
  @ApiProperty({ format: 'uuid' }) partyId!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ description: 'What was read: view, timeline, changes, export, replay, search, …' }) endpoint!: string;
  @ApiProperty({ enum: ['viewed', 'listed'], description: '`viewed`: the record was opened; `listed`: the party was among the results of a search' }) access!: string;
  @ApiPropertyOptional({ type: AccessListingResponse, description: 'For a listed party: the listing it appeared in' }) listing?: AccessListingResponse;
  @ApiPropertyOptional() purpose?: string;
  @ApiProperty(INSTANT) at!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) position!: number;
}

export class AccessLogPageResponse {
  @ApiProperty({ type: [AccessLogEntryResponse] }) items!: AccessLogEntryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class BundleFilesResponse {
  @ApiProperty({ description: 'format, partyId, asOf, createdAt, eventCount, checkpoint and the SHA-256 of every other file (JSON text)' }) 'manifest.json'!: string;
  @ApiProperty({ description: "The party's events as stored, one JSON object per line, oldest first" }) 'events.ndjson'!: string;
  @ApiProperty({ description: 'An inclusion proof per event against the checkpoint (JSON text)' }) 'proofs.json'!: string;
  @ApiProperty({ description: 'The signed checkpoint (JSON text)' }) 'checkpoint.json'!: string;
  @ApiProperty({ description: 'The Ed25519 public key that verifies the checkpoint (PEM)' }) 'public-key.pem'!: string;
}

/** An export bundle as one document: the files of a bundle directory, by name, unchanged. */
export class BundleDocumentResponse {
  @ApiProperty({ enum: ['civic-ledger-bundle/1'] }) format!: string;
  @ApiProperty({ type: BundleFilesResponse }) files!: BundleFilesResponse;
}
