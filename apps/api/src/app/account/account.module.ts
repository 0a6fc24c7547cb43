import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountService } from './account.service';
import { MeController } from './me.controller';

/** The signed-in user's own account: profile and password (/me). */
@Module({
  imports: [AuthModule],
  controllers: [MeController],
  providers: [AccountService],
})
export class AccountModule {}
