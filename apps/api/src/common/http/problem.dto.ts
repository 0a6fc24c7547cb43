import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError, ProblemDetails } from '@hh/contracts';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'must be an email' })
  message!: string;
}

/** RFC 9457 problem details: the body of every error (Content-Type application/problem+json). */
export class ProblemDto implements ProblemDetails {
  @ApiProperty({ example: 'https://hardhathosting.work/problems/validation-error' })
  type!: string;

  @ApiProperty({ example: 'Your request is not valid' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiPropertyOptional({ example: 'email must be an email' })
  detail?: string;

  @ApiPropertyOptional({ example: '/api/v1/auth/signup' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
