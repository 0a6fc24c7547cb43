import { ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { API_KEY_PREFIX } from '@hh/contracts';
import { ProblemException, unauthorized } from '../errors/problem.exception';
import { IS_PUBLIC } from '../decorators/auth.decorators';
import { FailureLimiter } from '../rate-limit/failure-limiter';
import { API_KEY_RESOLVER, type ApiKeyResolver } from './credential-resolver';
import type { Principal } from './principal';

/**
 * The global guard (secure by default): every route needs a valid credential unless it is marked @Public().
 * API keys are resolved through API_KEY_RESOLVER (bound by the api-keys feature: common/ knows no feature);
 * session JWTs by Passport's jwt strategy (registered by auth), whose verdicts this turns into problem+json 401s.
 * Credentials that fail (401) are counted per client IP; past FAILURE_LIMITS.authentication every credential from
 * that address is refused with a 429 before it is checked, so keys and tokens cannot be tried in bulk. A request
 * without any credential is not counted: it tries nothing.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEY_RESOLVER) private readonly apiKeys: ApiKeyResolver,
    private readonly failures: FailureLimiter,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const apiKey = apiKeyOf(request);
    if (apiKey === undefined && !/^Bearer\s/i.test(request.headers.authorization ?? '')) {
      return (await super.canActivate(context)) as boolean;
    }
    await this.failures.assertAllowed('authentication', request.ip);
    try {
      if (apiKey !== undefined) {
        request.user = await this.apiKeys.resolveApiKey(apiKey);
        return true;
      }
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() === HttpStatus.UNAUTHORIZED) {
        await this.failures.recordFailure('authentication', request.ip);
      }
      throw error;
    }
  }

  override handleRequest<TUser = Principal>(error: unknown, principal: TUser | false, info: unknown): TUser {
    if (error instanceof ProblemException) throw error;
    if (error) throw error;
    if (!principal) throw unauthorized(describeFailure(info));
    return principal;
  }
}

/** An API key from X-API-Key, or from Authorization: Bearer when the value starts with hh_. */
function apiKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const authorization = request.headers.authorization;
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer?.startsWith(API_KEY_PREFIX) ? bearer : undefined;
}

function describeFailure(info: unknown): string {
  const name = (info as { name?: string } | undefined)?.name;
  const message = (info as { message?: string } | undefined)?.message ?? '';
  if (name === 'TokenExpiredError') return 'The access token has expired; refresh it or sign in again';
  if (name === 'JsonWebTokenError' || name === 'NotBeforeError') return 'The access token is invalid';
  if (/No auth token/i.test(message)) return 'Authentication required: send Authorization: Bearer <token>';
  return 'Authentication required';
}
