import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';

const VERSION = 'v1';

/**
 * AES-256-GCM for the secrets the portal must read back (TOTP seeds): `v1.<key id>.<iv>.<tag>.<ciphertext>`,
 * base64url parts, a fresh 96-bit IV each time, and `purpose` bound as additional data so a value cannot be moved
 * to another use. New values use DATA_ENCRYPTION_KEY; values written under a former key decrypt as long as that key
 * is listed in DATA_ENCRYPTION_OLD_KEYS (rotation).
 */
export class SecretBox {
  constructor(private readonly keys: AppConfig['security']) {}

  seal(plaintext: string, purpose: string): string {
    const { id, key } = this.keys.dataKey;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`${purpose}:${id}`, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, id, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(sealed: string, purpose: string): string {
    const [version, id, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !id || !iv || !tag || ciphertext === undefined) {
      throw new Error('Not a sealed value');
    }
    const key = id === this.keys.dataKey.id ? this.keys.dataKey.key : this.keys.oldDataKeys[id];
    if (!key) throw new Error(`The data encryption key "${id}" is not configured (DATA_ENCRYPTION_OLD_KEYS)`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${purpose}:${id}`, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
