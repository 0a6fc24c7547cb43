import type { FastifyReply, FastifyRequest } from 'fastify';
import { REFRESH_COOKIE_NAME, REFRESH_COOKIE_PATH } from '@hh/contracts';
import type { AppConfig } from '../../config/app-config';

/** The hh_refresh cookie: HttpOnly, SameSite=Strict, Secure in production, only sent to /api/v1/auth. */
export function setRefreshCookie(reply: FastifyReply, token: string, config: AppConfig): void {
  reply.setCookie(REFRESH_COOKIE_NAME, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.nodeEnv === 'production',
    path: REFRESH_COOKIE_PATH,
    maxAge: config.session.refreshTtlSeconds,
  });
}

export function clearRefreshCookie(reply: FastifyReply, config: AppConfig): void {
  reply.clearCookie(REFRESH_COOKIE_NAME, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.nodeEnv === 'production',
    path: REFRESH_COOKIE_PATH,
  });
}

export function refreshCookieOf(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[REFRESH_COOKIE_NAME];
  return value ? value : undefined;
}
