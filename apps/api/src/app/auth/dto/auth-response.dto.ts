import { ApiProperty } from '@nestjs/swagger';
import { AuthResponse } from '@hh/contracts';
import { UserDto } from '../../users/dto/user.dto';

export class AuthResponseDto implements AuthResponse {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ description: 'Access JWT (HS256), valid for expiresIn seconds', example: 'eyJhbGciOiJIUzI1NiIs…' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque refresh token; also set as the hh_refresh HttpOnly cookie', example: 'q3v0Jb0…' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 3600 })
  expiresIn!: number;
}
