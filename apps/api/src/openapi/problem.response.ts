import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorResponse {
  @ApiProperty({ example: 'name.full' }) field!: string;
  @ApiProperty({ type: [String] }) messages!: string[];
}

/** RFC 7807 problem details, as every error of the API is answered (application/problem+json). */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:civic-ledger:problem:validation.failed' }) type!: string;
  @ApiProperty({ example: 'Bad Request' }) title!: string;
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599 }) status!: number;
  @ApiProperty({ description: 'Stable error code, e.g. PARTY.NOT_FOUND', pattern: '^[A-Z_]+(\\.[A-Z_]+)*$' }) code!: string;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional({ description: 'The request path' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'Per field, for validation failures' }) errors?: FieldErrorResponse[];
}
