import { Injectable } from '@nestjs/common';
import type { ChangePasswordRequest, UpdateProfileRequest } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { ActivityService } from '../activity/activity.service';
import { AuthService } from '../auth/auth.service';
import { toUserDto, UserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';

/** The signed-in user's own account: their profile, and their password through the auth rules. */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly activity: ActivityService,
  ) {}

  async updateProfile({ name }: UpdateProfileRequest, { actor, client }: AuditContext): Promise<UserDto> {
    await this.users.update(actor.userId, { name });
    await this.activity.record({
      action: 'profile_updated',
      userId: actor.userId,
      entityType: 'user',
      entityId: actor.userId,
      details: { name },
      client,
    });
    return toUserDto(await this.users.getById(actor.userId));
  }

  changePassword(request: ChangePasswordRequest, audit: AuditContext): Promise<void> {
    return this.auth.changePassword(request, audit);
  }
}
