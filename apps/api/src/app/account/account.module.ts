import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { MeController } from './me.controller';

/** The signed-in user's own account: profile and password (/me). */
@Module({
  imports: [AuthModule, UsersModule],
  controllers: [MeController],
})
export class AccountModule {}
