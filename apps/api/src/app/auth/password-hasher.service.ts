import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { hashPassword, verifyPassword } from './password-hash';

/**
 * bcrypt (async, so hashing never blocks the event loop) at BCRYPT_ROUNDS, 12 by default, over the SHA-256
 * pre-hash of ./password-hash (shared with the demo seed).
 */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return hashPassword(password, this.config.bcryptRounds);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return verifyPassword(password, hash);
  }

  /** Spends the same time as a real check, so an unknown email cannot be told apart by timing. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash('timing-equaliser-not-a-password');
    await verifyPassword(password, await this.dummyHash);
    return false;
  }
}
