import { createHash, randomInt } from 'node:crypto';

/** `hh_live_` + 40 random base62 characters (≈238 bits). */
export const API_KEY_LIVE_PREFIX = 'hh_live_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 40;
/** How much of the key is kept in clear to tell keys apart in lists: "hh_live_AbC1". */
export const DISPLAY_PREFIX_LENGTH = API_KEY_LIVE_PREFIX.length + 4;
const KEY_PATTERN = /^hh_live_[0-9A-Za-z]{32,64}$/;

export function generateApiKey(): string {
  let secret = '';
  for (let i = 0; i < SECRET_LENGTH; i++) secret += BASE62[randomInt(BASE62.length)];
  return API_KEY_LIVE_PREFIX + secret;
}

/** Keys are stored and looked up as SHA-256 hex: the lookup is an index probe, never a string comparison. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}
