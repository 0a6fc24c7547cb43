import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES, SESSION_ONLY } from '../decorators/auth.decorators';
import { ProblemException } from '../errors/problem.exception';
import type { Principal } from './principal';
import { RolesGuard } from './roles.guard';

function contextFor(user: Principal | undefined, metadata: Record<string, unknown>): ExecutionContext {
  const handler = () => undefined;
  for (const [key, value] of Object.entries(metadata)) Reflect.defineMetadata(key, value, handler);
  return {
    getHandler: () => handler,
    getClass: () => class Controller {},
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

const client: Principal = { userId: 1, name: 'C', email: 'c@x.io', role: 'client', status: 'active', via: 'session' };

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it('lets public routes through without a principal', () => {
    expect(guard.canActivate(contextFor(undefined, { [IS_PUBLIC]: true }))).toBe(true);
  });

  it('refuses a client on an admin route with 403', () => {
    const ctx = contextFor(client, { [REQUIRED_ROLES]: ['admin'] });
    expect(() => guard.canActivate(ctx)).toThrow(ProblemException);
    try {
      guard.canActivate(ctx);
    } catch (error) {
      expect((error as ProblemException).getStatus()).toBe(403);
    }
  });

  it('lets an admin onto an admin route', () => {
    expect(guard.canActivate(contextFor({ ...client, role: 'admin' }, { [REQUIRED_ROLES]: ['admin'] }))).toBe(true);
  });

  it('refuses an API key on a session-only route', () => {
    const ctx = contextFor({ ...client, via: 'api-key', apiKeyId: 3 }, { [SESSION_ONLY]: true });
    expect(() => guard.canActivate(ctx)).toThrow(/needs a signed-in session/);
  });
});
