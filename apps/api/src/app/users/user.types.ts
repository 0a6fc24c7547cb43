import type { UserRole, UserStatus } from '@hh/contracts';
import type { UserEntity } from './user.entity';

/** The fields of a user that can change after sign-up (admin decisions, renames, sign-ins, password changes). */
export type UserChanges = Partial<
  Pick<UserEntity, 'name' | 'email' | 'emailVerifiedAt' | 'passwordHash' | 'lastLogin' | 'role' | 'status'>
>;

export interface UserListFilter {
  /** Part of the name or email (LIKE, escaped). */
  q?: string;
  role?: UserRole;
  status?: UserStatus;
}
