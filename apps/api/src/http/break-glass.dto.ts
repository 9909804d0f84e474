import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Why a record names a party its department does not see yet; the grant is recorded and reviewed. */
export class BreakGlassDto {
  @ApiProperty({ example: 'Citizen at the counter asking about their housing application', minLength: 10, maxLength: 500 })
  @IsString() @Length(10, 500) reason!: string;
}
