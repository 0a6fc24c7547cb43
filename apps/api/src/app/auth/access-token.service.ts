import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** Claims of an access token: subject, session, and an explicit type so no other token can pass for it. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  typ: 'access';
}

export const ACCESS_TOKEN_ALGORITHM = 'HS256';

/** Issues the HS256 access JWTs of docs/decisions/003 (RFC 8725: pinned algorithm, iss, aud, typ, exp). */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.jwt.accessTtlSeconds;
  }

  issue(userId: number, sessionId: string): Promise<string> {
    const claims: AccessTokenClaims = { sub: String(userId), sid: sessionId, typ: 'access' };
    return this.jwt.signAsync(claims, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      secret: this.config.jwt.secret,
      expiresIn: this.config.jwt.accessTtlSeconds,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
    });
  }
}
