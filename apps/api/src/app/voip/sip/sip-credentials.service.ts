import { createHmac } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { canUseTelephony, SipCredentials } from '@hh/contracts';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { Clock } from '../../../common/clock';
import { forbidden, ProblemException } from '../../../common/errors/problem.exception';
import type { Principal } from '../../../common/guards/principal';
import { sipUserOf } from './sip-identity';

/**
 * The username and password of Kamailio's auth_ephemeral (the TURN REST API scheme): the username is
 * `<expiry unix seconds>:<user>`, the password base64(HMAC-SHA1(secret, username)). Kamailio recomputes the password
 * and refuses it once the expiry has passed, so the API stores nothing and nobody holds a lasting SIP password.
 */
export function ephemeralCredential(
  secret: string,
  userId: number,
  expiresAtSeconds: number,
): { username: string; password: string } {
  const username = `${expiresAtSeconds}:${sipUserOf(userId)}`;
  return { username, password: createHmac('sha1', secret).update(username).digest('base64') };
}

/** GET /sip/credentials: what the browser's softphone registers with (docs/telephony.md). */
@Injectable()
export class SipCredentialsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  issue(principal: Principal): SipCredentials {
    const sip = this.config.voip.sip;
    if (!sip) throw new ProblemException(HttpStatus.NOT_FOUND, 'Real calls are not enabled on this server');
    // Suspended accounts are refused by the authentication guard already; pending ones may sign in but not call.
    if (!canUseTelephony(principal.status)) {
      throw forbidden('Your account is awaiting approval; calls unlock once an admin approves it');
    }
    const expiresAtSeconds = Math.floor(this.clock.now().getTime() / 1000) + sip.credentialTtlSeconds;
    return {
      ...ephemeralCredential(sip.authSecret, principal.userId, expiresAtSeconds),
      expiresAt: new Date(expiresAtSeconds * 1000).toISOString(),
      domain: sip.domain,
      wsUri: sip.wsUri,
      iceServers: sip.iceServers.length > 0 ? [{ urls: [...sip.iceServers] }] : [],
    };
  }
}
