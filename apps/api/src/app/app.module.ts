import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { typeormOptions } from '../database/typeorm-options';
import { CommonModule } from '../common/common.module';
import { ProblemDetailsFilter } from '../common/filters/problem-details.filter';
import { AuthenticationGuard } from '../common/guards/authentication.guard';
import { RolesGuard } from '../common/guards/roles.guard';
import { createValidationPipe } from '../common/http/validation-pipe';
import { RateLimitGuard } from '../common/rate-limit/rate-limit.guard';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { AccountModule } from './account/account.module';
import { ActivityModule } from './activity/activity.module';
import { AdminModule } from './admin/admin.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { CallsModule } from './calls/calls.module';
import { ContactsModule } from './contacts/contacts.module';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { NumberRequestsModule } from './number-requests/number-requests.module';
import { NumbersModule } from './numbers/numbers.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SimModule } from './sim/sim.module';
import { AdminTwoFactorGuard } from './two-factor/admin-two-factor.guard';
import { TwoFactorModule } from './two-factor/two-factor.module';
import { UsersModule } from './users/users.module';
import { SipModule } from './voip/sip/sip.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        TypeOrmModule.forRoot({ ...typeormOptions(config), retryAttempts: 3, retryDelay: 1000 }),
        RateLimitModule.forRoot(config),
        ActivityModule,
        UsersModule,
        MailModule,
        AuthModule,
        TwoFactorModule,
        ApiKeysModule,
        AccountModule,
        HealthModule,
        RealtimeModule,
        NumbersModule,
        NumberRequestsModule,
        CallsModule,
        SipModule,
        SimModule,
        AdminModule,
        ContactsModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        // Order matters: who is calling, then may they, then how often.
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        // REQUIRE_ADMIN_MFA: admins without two-factor reach only their account (after the checks above).
        { provide: APP_GUARD, useClass: AdminTwoFactorGuard },
      ],
    };
  }
}
