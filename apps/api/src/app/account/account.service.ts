import { Injectable } from '@nestjs/common';
import type { ChangePasswordRequest, UpdateProfileRequest } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { badRequest } from '../../common/errors/problem.exception';
import { ActivityService } from '../activity/activity.service';
import { AuthService } from '../auth/auth.service';
import { EmailVerificationService } from '../auth/email-verification.service';
import { toUserDto, UserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';

/** The signed-in user's own account: their profile, their e-mail address and their password through the auth rules. */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly activity: ActivityService,
    private readonly emailVerification: EmailVerificationService,
  ) {}

  /**
   * Renames the user, and/or asks to change their e-mail address: that needs the current password and takes effect
   * only when the link sent to the new address is followed (the answer still shows the current address).
   */
  async updateProfile({ name, email, currentPassword }: UpdateProfileRequest, audit: AuditContext): Promise<UserDto> {
    const { actor, client } = audit;
    if (name == null && email == null) {
      throw badRequest('name is required (or email with currentPassword)', [{ field: 'name', message: 'is required' }]);
    }
    if (email != null) await this.emailVerification.requestChange(email, currentPassword, audit);
    if (name != null) {
      await this.users.update(actor.userId, { name });
      await this.activity.record({
        action: 'profile_updated',
        userId: actor.userId,
        entityType: 'user',
        entityId: actor.userId,
        details: { name },
        client,
      });
    }
    return toUserDto(await this.users.getById(actor.userId));
  }

  changePassword(request: ChangePasswordRequest, audit: AuditContext): Promise<void> {
    return this.auth.changePassword(request, audit);
  }
}
