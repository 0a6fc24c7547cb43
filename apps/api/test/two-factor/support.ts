import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { AuthResponse } from '@hh/contracts';
import type { TestApp } from '../support/test-app';
import { bearer } from '../support/accounts';

/** The code an authenticator app shows for `secret` at `at` (ms), computed here as the app would (RFC 6238). */
export function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: at,
  });
}

/**
 * Waits, when needed, until the current 30-second step has at least `marginMs` left, so a code computed now is still
 * of the step the server sees (specs that use a neighbouring step's code would otherwise fail at a boundary).
 */
export async function awayFromStepEnd(marginMs = 3000): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** A scratch database name of these specs (test_mfa_…), dropped when the app closes. */
export function mfaDatabaseName(): string {
  return `test_mfa_${randomBytes(5).toString('hex')}`;
}

/**
 * Turns two-factor on for the account through the API; answers the secret and the recovery codes. The confirming
 * code is of the previous step (accepted: one step either side), so the current step stays free for the test.
 */
export async function enableTwoFactor(
  t: TestApp,
  accessToken: string,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await t.http().post('/api/v1/me/mfa/totp').set(bearer(accessToken)).expect(201);
  const secret = setup.body.secret as string;
  await awayFromStepEnd();
  const confirm = await t
    .http()
    .post('/api/v1/me/mfa/totp/confirm')
    .set(bearer(accessToken))
    .send({ code: totpCode(secret, Date.now() - 30_000) })
    .expect(200);
  return { secret, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

export type SignInResult = AuthResponse & { cookie: string };
