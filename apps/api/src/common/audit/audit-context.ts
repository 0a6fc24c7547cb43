import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../guards/principal';
import { ClientContext, clientContextOf } from '../http/client-context';

/**
 * Who acts and from where: what a state-changing service call needs to authorise the action and to write its
 * activity row. Controllers take it with @Audit() instead of passing a principal and a client side by side.
 */
export interface AuditContext {
  actor: Principal;
  client: ClientContext;
}

export const Audit = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuditContext => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
  if (!request.user) throw new Error('@Audit() is for authenticated routes; public ones take @Client()');
  return { actor: request.user, client: clientContextOf(request) };
});
