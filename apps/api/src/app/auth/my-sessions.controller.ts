import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import { badRequest } from '../../common/errors/problem.exception';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Principal } from '../../common/guards/principal';
import { SessionListDto } from './dto/session.dto';
import { SessionsService } from './sessions.service';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('account')
@Authenticated({ sessionOnly: true })
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('me/sessions')
export class MySessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({
    summary: 'My signed-in sessions',
    description:
      'Every session that can still be used (a refresh-token family: one per sign-in), most recently used first, ' +
      'with the device read from its user agent, the address it signed in from, and `current` on the one of this ' +
      'request.',
  })
  @ApiOkResponse({ type: SessionListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<SessionListDto> {
    return { data: await this.sessions.listOfUser(principal.userId, principal.sessionId) };
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Sign out every other session',
    description: 'Every session but this one ends: their refresh tokens and access tokens stop working at once.',
  })
  @ApiNoContentResponse({ description: 'The other sessions are signed out' })
  async revokeOthers(@Audit() audit: AuditContext): Promise<void> {
    await this.sessions.revokeOthers(audit);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'id', description: 'The session id (GET /me/sessions)', format: 'uuid' })
  @ApiOperation({
    summary: 'Sign out one of my sessions',
    description:
      'Its refresh token and its access token stop working at once (this one too, if it is the current session).',
  })
  @ApiNoContentResponse({ description: 'The session is signed out' })
  @ApiNotFoundResponse({ description: 'No such live session of mine', type: ProblemDto })
  async revoke(@Param('id') id: string, @Audit() audit: AuditContext): Promise<void> {
    if (!UUID_PATTERN.test(id)) {
      throw badRequest(`The id "${id.slice(0, 40)}" is not a session id`, [{ field: 'id', message: 'must be a UUID' }]);
    }
    await this.sessions.revokeOwn(id.toLowerCase(), audit);
  }
}
