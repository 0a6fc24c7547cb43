import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { UserRole } from '@hh/contracts';
import { ProblemDto } from '../http/problem.dto';
import type { Principal } from '../guards/principal';

export const IS_PUBLIC = 'hh:isPublic';
export const REQUIRED_ROLES = 'hh:roles';
export const SESSION_ONLY = 'hh:sessionOnly';
export const SESSION_SECURITY = 'session';
export const API_KEY_SECURITY = 'api-key';

/** Marks public operations in the OpenAPI document; buildOpenApiDocument turns it into `security: []`. */
export const PUBLIC_EXTENSION = 'x-hh-public';

/** Opts a route out of the global authentication guard. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

export interface AuthenticatedOptions {
  /** Roles allowed in; any signed-in user when omitted. */
  roles?: UserRole[];
  /** Refuse API keys (403): /auth/*, /me/* and /api-keys* need a session. */
  sessionOnly?: boolean;
}

/**
 * Documents and configures who may call a controller or route: the guards read the metadata, Swagger shows
 * the security schemes and the 401/403/429 answers.
 */
export function Authenticated(options: AuthenticatedOptions = {}) {
  const decorators = [
    SetMetadata(REQUIRED_ROLES, options.roles ?? []),
    SetMetadata(SESSION_ONLY, options.sessionOnly ?? false),
    ApiBearerAuth(SESSION_SECURITY),
    ApiUnauthorizedResponse({ description: 'Missing, invalid, expired or revoked credentials', type: ProblemDto }),
    ApiForbiddenResponse({
      description: options.roles?.length
        ? `Needs role ${options.roles.join(' or ')}; or the account is suspended${options.sessionOnly ? '; or an API key was used' : ''}`
        : `The account is suspended${options.sessionOnly ? ', or an API key was used where a session is required' : ''}`,
      type: ProblemDto,
    }),
    ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After', type: ProblemDto }),
  ];
  if (!options.sessionOnly) decorators.push(ApiSecurity(API_KEY_SECURITY));
  return applyDecorators(...decorators);
}

/** The authenticated principal of the request (the user comes from the credential, never from the body). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ user: Principal }>().user,
);
