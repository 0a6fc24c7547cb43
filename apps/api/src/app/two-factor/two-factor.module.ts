import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { AdminTwoFactorController } from './admin-two-factor.controller';
import { TwoFactorRepository } from './two-factor.repository';
import { TwoFactorService } from './two-factor.service';

/**
 * TOTP two-factor (issue 13, item 4): secrets, recovery codes, second-factor checks and sign-in challenges. The
 * routes that also need the password or a session (/auth/login/mfa, /me/mfa) are the auth feature's.
 */
@Module({
  imports: [MailModule],
  controllers: [AdminTwoFactorController],
  providers: [TwoFactorService, TwoFactorRepository],
  exports: [TwoFactorService],
})
export class TwoFactorModule {}
