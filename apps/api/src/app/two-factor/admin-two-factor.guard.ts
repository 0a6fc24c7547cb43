import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { API_BASE_PATH, MFA_SETUP_REQUIRED_PROBLEM } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ProblemException } from '../../common/errors/problem.exception';
import type { Principal } from '../../common/guards/principal';
import { TwoFactorService } from './two-factor.service';

/**
 * What an admin without two-factor may still reach while REQUIRE_ADMIN_MFA is set: their own account and its
 * security (/auth/*: me, refresh, logout; /me, /me/password, /me/mfa/*, /me/sessions). Everything else answers 403
 * with the type MFA_SETUP_REQUIRED_PROBLEM, which the web app turns into a visit to Settings → Security.
 */
export const ALLOWED_WITHOUT_TWO_FACTOR = [`${API_BASE_PATH}/auth`, `${API_BASE_PATH}/me`];

/**
 * REQUIRE_ADMIN_MFA: a global guard after authentication and roles. Only sessions are held back: an admin's API
 * keys keep working (two-factor protects the sign-in, and keys are made and revoked from a session, which this
 * guard sends to set two-factor up first).
 */
@Injectable()
export class AdminTwoFactorGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly twoFactor: TwoFactorService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.security.requireAdminMfa || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const principal = request.user;
    if (!principal || principal.via !== 'session' || !this.twoFactor.isRequiredFor(principal.role)) return true;
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (ALLOWED_WITHOUT_TWO_FACTOR.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return true;
    if (await this.twoFactor.isEnabled(principal.userId)) return true;
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'Admin accounts must use two-factor authentication: turn it on under Settings → Security (POST /me/mfa/totp)',
      { type: MFA_SETUP_REQUIRED_PROBLEM, title: 'Two-factor authentication required' },
    );
  }
}
