import { Secret, TOTP } from 'otpauth';
import { TWO_FACTOR } from '@hh/contracts';

/** RFC 6238 with the authenticator apps' defaults: SHA-1, 6 digits, 30-second steps, a 160-bit secret. */
function totpOf(secretBase32: string, label = 'account'): TOTP {
  return new TOTP({
    issuer: TWO_FACTOR.issuer,
    label,
    algorithm: 'SHA1',
    digits: TWO_FACTOR.codeDigits,
    period: TWO_FACTOR.periodSeconds,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUrl(secretBase32: string, accountName: string): string {
  return totpOf(secretBase32, accountName).toString();
}

/** The time step of `at` (RFC 6238 T). */
export function timeStep(at: number): number {
  return Math.floor(at / 1000 / TWO_FACTOR.periodSeconds);
}

/**
 * The time step `code` belongs to, when it is the code of the current step or of one step either side; null otherwise.
 * The caller refuses a step that is not later than the last one used (replay).
 */
export function matchingStep(secretBase32: string, code: string, at: number): number | null {
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: at, window: TWO_FACTOR.window });
  return delta === null ? null : timeStep(at) + delta;
}
