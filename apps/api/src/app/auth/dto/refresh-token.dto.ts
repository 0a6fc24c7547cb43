import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** The refresh token may come in the body or, from the browser, in the hh_refresh cookie. */
export class RefreshTokenDto {
  @ApiPropertyOptional({ description: 'Omit when the hh_refresh cookie is sent', example: 'q3v0Jb0…' })
  @IsOptional()
  @IsString()
  @Length(16, 200)
  refreshToken?: string;
}
