import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ProblemException, unauthorized } from '../errors/problem.exception';
import { IS_PUBLIC } from '../decorators/auth.decorators';
import type { Principal } from './principal';

/**
 * The global guard (secure by default): every route needs a valid credential unless it is marked @Public().
 * Passport runs the strategies; this turns their verdicts into problem+json 401s.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      return true;
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser = Principal>(error: unknown, principal: TUser | false, info: unknown): TUser {
    if (error instanceof ProblemException) throw error;
    if (error) throw error;
    if (!principal) throw unauthorized(describeFailure(info));
    return principal;
  }
}

function describeFailure(info: unknown): string {
  const name = (info as { name?: string } | undefined)?.name;
  const message = (info as { message?: string } | undefined)?.message ?? '';
  if (name === 'TokenExpiredError') return 'The access token has expired; refresh it or sign in again';
  if (name === 'JsonWebTokenError' || name === 'NotBeforeError') return 'The access token is invalid';
  if (/No auth token/i.test(message)) return 'Authentication required: send Authorization: Bearer <token>';
  return 'Authentication required';
}
