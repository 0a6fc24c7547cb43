import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, USER_STATUSES, User, UserRole, UserStatus } from '@hh/contracts';
import type { UserEntity } from '../user.entity';

/** The User object of the API: never a password hash. */
export class UserDto implements User {
  @ApiProperty({ example: 42 })
  id!: number;

  @ApiProperty({ example: 'Jane Doe' })
  name!: string;

  @ApiProperty({ example: 'jane@example.com' })
  email!: string;

  @ApiProperty({ enum: USER_ROLES, example: 'client' })
  role!: UserRole;

  @ApiProperty({ enum: USER_STATUSES, example: 'pending' })
  status!: UserStatus;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T10:15:00.000Z' })
  signupDate!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-11-24T10:15:00.000Z' })
  lastLogin!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T10:15:00.000Z' })
  createdAt!: string;

  @ApiProperty({
    description: 'Whether the user followed the link sent to their current e-mail address',
    example: true,
  })
  emailVerified!: boolean;
}

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    status: user.status,
    signupDate: user.signupDate.toISOString(),
    lastLogin: user.lastLogin ? user.lastLogin.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    emailVerified: user.emailVerifiedAt !== null && user.emailVerifiedAt !== undefined,
  };
}
