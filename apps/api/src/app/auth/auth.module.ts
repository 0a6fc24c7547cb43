import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { SESSION_RESOLVER } from '../../common/guards/credential-resolver';
import { MailModule } from '../mail/mail.module';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { EmailAndPasswordController } from './email-and-password.controller';
import { EmailTokenRepository } from './email-token.repository';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { SessionRepository } from './session.repository';
import { SessionsService } from './sessions.service';
import { TwoFactorModule } from '../two-factor/two-factor.module';
import { MySessionsController } from './my-sessions.controller';
import { TwoFactorAuthService } from './two-factor-auth.service';
import { TwoFactorController, TwoFactorLoginController } from './two-factor.controller';

@Module({
  imports: [PassportModule, JwtModule.register({}), MailModule, TwoFactorModule],
  controllers: [
    AuthController,
    EmailAndPasswordController,
    TwoFactorLoginController,
    TwoFactorController,
    MySessionsController,
  ],
  providers: [
    AuthService,
    SessionsService,
    SessionRepository,
    AccessTokenService,
    PasswordHasher,
    JwtStrategy,
    FirstAdminService,
    EmailTokenRepository,
    EmailVerificationService,
    PasswordResetService,
    TwoFactorAuthService,
    { provide: SESSION_RESOLVER, useExisting: JwtStrategy },
  ],
  exports: [
    AuthService,
    SessionsService,
    PasswordHasher,
    FirstAdminService,
    EmailVerificationService,
    SESSION_RESOLVER,
  ],
})
export class AuthModule {}
