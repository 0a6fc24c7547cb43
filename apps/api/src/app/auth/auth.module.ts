import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { SESSION_RESOLVER } from '../../common/guards/credential-resolver';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { SessionRepository } from './session.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [PassportModule, JwtModule.register({})],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsService,
    SessionRepository,
    AccessTokenService,
    PasswordHasher,
    JwtStrategy,
    FirstAdminService,
    { provide: SESSION_RESOLVER, useExisting: JwtStrategy },
  ],
  exports: [AuthService, SessionsService, PasswordHasher, FirstAdminService, SESSION_RESOLVER],
})
export class AuthModule {}
