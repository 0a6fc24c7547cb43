import { ApiProperty } from '@nestjs/swagger';
import type { UserRef } from '@hh/contracts';
import type { UserEntity } from '../../users/user.entity';

/** A user as admin lists name them; embedded in each row so that a page costs one request, not one per user. */
export class UserRefDto implements UserRef {
  @ApiProperty({ example: 42 }) id!: number;
  @ApiProperty({ example: 'Jane Doe' }) name!: string;
  @ApiProperty({ example: 'jane@example.com' }) email!: string;
}

/** A user joined onto a row (leftJoinAndMapOne), or null when there is none (unowned, system entry, deleted user). */
export function toUserRef(user: Pick<UserEntity, 'id' | 'name' | 'email'> | null | undefined): UserRefDto | null {
  return user ? { id: user.id, name: user.name, email: user.email } : null;
}
