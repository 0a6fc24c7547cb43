import { ApiProperty } from '@nestjs/swagger';
import type { SessionInfo } from '@hh/contracts';

export class SessionDto implements SessionInfo {
  @ApiProperty({ format: 'uuid', example: '0b8e3c0e-5f7a-4d0e-9d7e-2b1f3c4d5e6f' })
  id!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-03T18:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Last sign-in, token refresh or request (kept to within 5 minutes)',
    example: '2026-12-03T18:40:00.000Z',
  })
  lastUsedAt!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The address it signed in from', example: '203.0.113.7' })
  ipAddress!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) …' })
  userAgent!: string | null;

  @ApiProperty({ description: 'Browser and system read from userAgent', example: 'Chrome 131 on Windows' })
  device!: string;

  @ApiProperty({ description: 'The session of this request', example: true })
  current!: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionDto] })
  data!: SessionDto[];
}
