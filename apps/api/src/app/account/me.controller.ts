import { Body, Controller, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { RATE_LIMITS } from '@hh/contracts';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import { Client, ClientContext } from '../../common/http/client-context';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Principal } from '../../common/guards/principal';
import { ActivityService } from '../activity/activity.service';
import { AuthService } from '../auth/auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { toUserDto, UserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';

@ApiTags('account')
@Authenticated({ sessionOnly: true })
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly activity: ActivityService,
  ) {}

  @Patch()
  @ApiOperation({ summary: 'Update my profile (name)' })
  @ApiOkResponse({ type: UserDto })
  async updateProfile(
    @Body() dto: UpdateProfileDto,
    @CurrentPrincipal() principal: Principal,
    @Client() client: ClientContext,
  ): Promise<UserDto> {
    await this.users.update(principal.userId, { name: dto.name });
    await this.activity.record({
      action: 'profile_updated',
      userId: principal.userId,
      entityType: 'user',
      entityId: principal.userId,
      details: { name: dto.name },
      client,
    });
    return toUserDto(await this.users.getById(principal.userId));
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
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentPrincipal() principal: Principal,
    @Client() client: ClientContext,
  ): Promise<void> {
    await this.auth.changePassword(principal, dto, client);
  }
}
