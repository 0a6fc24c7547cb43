import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, ProblemException, unauthorized } from '../errors/problem.exception';
import type { FailureLimiter } from '../rate-limit/failure-limiter';
import { AuthenticationGuard } from './authentication.guard';
import type { ApiKeyResolver } from './credential-resolver';
import type { Principal } from './principal';

const KEY = 'hh_live_0123456789abcdefghijABCDEFGHIJ0123456789';
const owner: Principal = { userId: 7, name: 'K', email: 'k@x.io', role: 'client', status: 'active', via: 'api-key' };

function contextFor(headers: Record<string, string>): { ctx: ExecutionContext; request: { user?: Principal } } {
  const request = { headers, ip: '203.0.113.9' } as { headers: Record<string, string>; ip: string; user?: Principal };
  const ctx = {
    getHandler: () => () => undefined,
    getClass: () => class Controller {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { ctx, request };
}

/** The guard resolves API keys through the ApiKeyResolver it is given: common/ needs no feature to test it. */
describe('AuthenticationGuard with API keys', () => {
  function setUp(resolve: ApiKeyResolver['resolveApiKey']) {
    const resolver: ApiKeyResolver = { resolveApiKey: jest.fn(resolve), resolveApiKeyById: jest.fn() };
    const failures = { assertAllowed: jest.fn(async () => undefined), recordFailure: jest.fn(async () => undefined) };
    const guard = new AuthenticationGuard(new Reflector(), resolver, failures as unknown as FailureLimiter);
    return { guard, resolver, failures };
  }

  it.each<Record<string, string>>([{ 'x-api-key': ` ${KEY} ` }, { authorization: `Bearer ${KEY}` }])(
    'asks the resolver for the key in %o and sets its principal on the request',
    async (headers) => {
      const { guard, resolver, failures } = setUp(async () => owner);
      const { ctx, request } = contextFor(headers);
      await expect(guard.canActivate(ctx)).resolves.toBe(true);
      expect(resolver.resolveApiKey).toHaveBeenCalledWith(KEY);
      expect(request.user).toBe(owner);
      expect(failures.assertAllowed).toHaveBeenCalledWith('authentication', '203.0.113.9');
      expect(failures.recordFailure).not.toHaveBeenCalled();
    },
  );

  it('counts a key the resolver refuses with 401 as a failure of the client address', async () => {
    const { guard, failures } = setUp(async () => {
      throw unauthorized('The API key is invalid');
    });
    await expect(guard.canActivate(contextFor({ 'x-api-key': KEY }).ctx)).rejects.toBeInstanceOf(ProblemException);
    expect(failures.recordFailure).toHaveBeenCalledWith('authentication', '203.0.113.9');
  });

  it('does not count a 403 (a valid key of a suspended owner): nothing was guessed', async () => {
    const { guard, failures } = setUp(async () => {
      throw forbidden('The account that owns this API key is suspended');
    });
    await expect(guard.canActivate(contextFor({ 'x-api-key': KEY }).ctx)).rejects.toBeInstanceOf(ProblemException);
    expect(failures.recordFailure).not.toHaveBeenCalled();
  });
});
