import { createHash, randomInt } from 'node:crypto';
import { TWO_FACTOR } from '@hh/contracts';

/** No 0/o, 1/l/i: codes are read off paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * TWO_FACTOR.recoveryCodes codes of 16 characters (about 79 bits each, so a plain SHA-256 of them cannot be
 * searched), shown as xxxx-xxxx-xxxx-xxxx.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: TWO_FACTOR.recoveryCodes }, () => {
    const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return chars.match(/.{4}/g)?.join('-') ?? chars;
  });
}

/** What is hashed: lower case, without spaces and dashes, so the code is accepted however it is typed. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code), 'utf8').digest('hex');
}
