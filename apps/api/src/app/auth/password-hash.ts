import { createHash } from 'node:crypto';
import * as bcrypt from 'bcrypt';

/**
 * The one password hashing of the portal, free of Nest so that the demo seed (apps/api/src/database/demo-seed.ts)
 * writes hashes the API accepts. bcrypt reads only the first 72 bytes, and a 100-character password can reach
 * 400 bytes in UTF-8, so every password is first reduced to the base64 of its SHA-256 (44 ASCII bytes, no NUL):
 * all of it counts.
 */
export function hashPassword(password: string, rounds: number): Promise<string> {
  return bcrypt.hash(prehash(password), rounds);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(prehash(password), hash);
}

function prehash(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('base64');
}
