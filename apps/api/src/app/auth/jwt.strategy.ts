import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { forbidden, unauthorized } from '../../common/errors/problem.exception';
import type { SessionResolver } from '../../common/guards/credential-resolver';
import { Principal, principalOf } from '../../common/guards/principal';
import { ACCESS_TOKEN_ALGORITHM, AccessTokenClaims } from './access-token.service';
import { SessionsService } from './sessions.service';

/**
 * Verifies the access JWT (pinned HS256, issuer, audience, expiry; then the typ claim), and on every request
 * re-reads the session and the user, so logout, suspension and role changes act on the very next request.
 * Bound as SESSION_RESOLVER, through which open live-update streams re-check their session.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') implements SessionResolver {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwt.secret,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<Principal> {
    if (claims.typ !== 'access' || typeof claims.sid !== 'string' || !/^\d+$/.test(claims.sub ?? '')) {
      throw unauthorized('The token is not an access token');
    }
    return this.resolveSession(claims.sid, Number(claims.sub));
  }

  /**
   * The principal of a session of `userId`, re-read from the database (the session must be live and the user not
   * suspended): every request, and each heartbeat of an open live-update stream.
   */
  async resolveSession(sessionId: string, userId: number): Promise<Principal> {
    const live = await this.sessions.findLive(sessionId);
    if (!live || live.user.id !== userId) {
      if (await this.sessions.endedBySuspension(sessionId, userId)) {
        throw forbidden('Your account is suspended; contact support');
      }
      throw unauthorized('The session has ended; sign in again');
    }
    const { user } = live;
    if (user.status === 'suspended') throw forbidden('Your account is suspended; contact support');
    await this.sessions.noteUse(live.session);
    return principalOf(user, { via: 'session', sessionId: live.session.id });
  }
}
