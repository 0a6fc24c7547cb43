/**
 * A fresh random UUID (v4) for an `Idempotency-Key` header. `crypto.randomUUID()` exists only in secure contexts
 * (HTTPS or localhost), and the portal may be served over plain HTTP on a private network; `getRandomValues()`
 * works everywhere, so it is the fallback.
 */
export function newIdempotencyKey(cryptoSource: Crypto = globalThis.crypto): string {
  if (typeof cryptoSource.randomUUID === 'function') {
    return cryptoSource.randomUUID();
  }
  const bytes = cryptoSource.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
