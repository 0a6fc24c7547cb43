import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Where a request came from, as recorded in the activity log. */
export interface ClientContext {
  ip: string | null;
  userAgent: string | null;
}

export function clientContextOf(request: FastifyRequest): ClientContext {
  const userAgent = request.headers['user-agent'];
  return {
    // request.ip honours TRUST_PROXY (Fastify's trustProxy): the socket address, or the last X-Forwarded-For
    // address that is not one of the trusted proxies.
    ip: request.ip ? request.ip.slice(0, 45) : null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 1000) : null,
  };
}

export const Client = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): ClientContext =>
    clientContextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
