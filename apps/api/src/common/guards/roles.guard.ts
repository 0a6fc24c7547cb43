import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@hh/contracts';
import { forbidden } from '../errors/problem.exception';
import { IS_PUBLIC, REQUIRED_ROLES, SESSION_ONLY } from '../decorators/auth.decorators';
import type { Principal } from './principal';

/** Enforces @Authenticated({ roles, sessionOnly }) once the authentication guard has set request.user. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!principal) return false;
    if (this.reflector.getAllAndOverride<boolean>(SESSION_ONLY, targets) && principal.via !== 'session') {
      throw forbidden('This route needs a signed-in session; API keys cannot use it');
    }
    const roles = this.reflector.getAllAndOverride<UserRole[]>(REQUIRED_ROLES, targets) ?? [];
    if (roles.length > 0 && !roles.includes(principal.role)) {
      throw forbidden(`This route needs the ${roles.join(' or ')} role`);
    }
    return true;
  }
}
