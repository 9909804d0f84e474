import { ApiProperty } from '@nestjs/swagger';
import { ACTION_ROLES, ROLES } from '@civic-ledger/application';
import { CONFIDENTIALITY_LEVELS } from '@civic-ledger/domain';

/** The signed-in principal and what the one access policy lets its role do. */
export class MeResponse {
  @ApiProperty({ description: "The token's subject", example: 'alice@housing' }) subject!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: [String], description: "The token's departments", example: ['housing'] }) departments!: string[];
  @ApiProperty({ description: 'True for body-wide roles (auditor, privacy-officer, service): not limited to departments' }) allDepartments!: boolean;
  @ApiProperty({ enum: CONFIDENTIALITY_LEVELS, isArray: true, description: 'Confidentiality levels the role reads' }) confidentiality!: string[];
  @ApiProperty({ enum: Object.keys(ACTION_ROLES), isArray: true, description: 'Every action the role may take, sorted (records are still checked one by one)' }) actions!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the token expires' }) expiresAt!: string | null;
}
