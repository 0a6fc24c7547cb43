import { createHash, randomBytes } from 'node:crypto';

/** The random 32-byte token of an e-mailed link (base64url, 43 characters) and its SHA-256, the only part stored. */
export function newOneTimeToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What a link's token looks like: anything else is refused before any lookup. */
export const ONE_TIME_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
