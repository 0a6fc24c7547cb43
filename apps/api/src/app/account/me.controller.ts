import { Body, Controller, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { RATE_LIMITS } from '@hh/contracts';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ProblemDto } from '../../common/http/problem.dto';
import { UserDto } from '../users/dto/user.dto';
import { AccountService } from './account.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';

@ApiTags('account')
@Authenticated({ sessionOnly: true })
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('me')
export class MeController {
  constructor(private readonly account: AccountService) {}

  @Patch()
  @ApiOperation({
    summary: 'Update my profile (name) or ask to change my e-mail address',
    description:
      'An e-mail change needs currentPassword (a wrong one is a 400 on currentPassword, and counts as a password ' +
      'attempt). The new address gets a verification link and the current one a notice; the answer still shows ' +
      'the current address, which changes when the link is followed (POST /auth/email/verify). An address another ' +
      'account uses is a 409.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'Another account uses this e-mail address', type: ProblemDto })
  @ApiTooManyRequestsResponse({ description: 'Too many password attempts; see Retry-After', type: ProblemDto })
  updateProfile(@Body() dto: UpdateProfileDto, @Audit() audit: AuditContext): Promise<UserDto> {
    return this.account.updateProfile(dto, audit);
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Change my password',
    description:
      'Every other session of the user is revoked; with revokeApiKeys: true every API key of the account too. ' +
      'A wrong current password is a 400 on currentPassword. Limited to ' +
      `${RATE_LIMITS.password.limit} attempts per ${RATE_LIMITS.password.windowMs / 60_000} minutes per user ` +
      '(every valid request counts, a wrong current password too).',
  })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After', type: ProblemDto })
  @ApiServiceUnavailableResponse({ description: 'Too many passwords being hashed; see Retry-After', type: ProblemDto })
  async changePassword(@Body() dto: ChangePasswordDto, @Audit() audit: AuditContext): Promise<void> {
    await this.account.changePassword(dto, audit);
  }
}
