import { Controller, Delete, HttpCode, HttpStatus, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { IdParamPipe } from '../../common/http/id-param.pipe';
import { ProblemDto } from '../../common/http/problem.dto';
import { TwoFactorService } from './two-factor.service';

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('admin/users')
export class AdminTwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Delete(':id/mfa')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: "Reset a user's two-factor authentication",
    description:
      'For a user who lost their authenticator and their recovery codes: their TOTP secret, recovery codes and ' +
      'pending sign-in challenges are deleted, so they sign in with their password alone and may set two-factor up ' +
      'again. Recorded as two_factor_reset (the admin as actor, the user as entity), and the user is told.',
  })
  @ApiNoContentResponse({ description: 'Two-factor is off for the user' })
  @ApiNotFoundResponse({ description: 'No such user', type: ProblemDto })
  @ApiConflictResponse({ description: 'The user has not set up two-factor', type: ProblemDto })
  async reset(@Param('id', IdParamPipe) id: number, @Audit() audit: AuditContext): Promise<void> {
    await this.twoFactor.adminReset(id, audit);
  }
}
