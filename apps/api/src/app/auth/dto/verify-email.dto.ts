import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { VerifyEmailRequest } from '@hh/contracts';
import { ONE_TIME_TOKEN_PATTERN } from '../one-time-token';

export class VerifyEmailDto implements VerifyEmailRequest {
  @ApiProperty({
    description: 'The token of the link (/voip/verify-email#token=…): 43 base64url characters',
    example: 'q3Jx0n0m8o2sV3H1cGk8m0d3E2l5ZQ9zR6bVwYtUaXc',
  })
  @IsString()
  @Matches(ONE_TIME_TOKEN_PATTERN, { message: 'is invalid, already used or expired: ask for a new link' })
  token!: string;
}
