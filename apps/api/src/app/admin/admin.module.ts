import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AnalyticsModule } from '../analytics/analytics.module';
import { AuthModule } from '../auth/auth.module';
import { CallsModule } from '../calls/calls.module';
import { NumberRequestsModule } from '../number-requests/number-requests.module';
import { NumbersModule } from '../numbers/numbers.module';
import { RecordingsModule } from '../recordings/recordings.module';
import { AdminAnalyticsController } from './admin-analytics.controller';
import { AdminAnalyticsService } from './admin-analytics.service';
import { AdminActivityController } from './admin-activity.controller';
import { AdminActivityService } from './admin-activity.service';
import { AdminCallsController } from './admin-calls.controller';
import { AdminCallsService } from './admin-calls.service';
import { AdminNumberRequestsController } from './admin-number-requests.controller';
import { AdminNumberRequestsService } from './admin-number-requests.service';
import { AdminNumbersController } from './admin-numbers.controller';
import { AdminNumbersService } from './admin-numbers.service';
import { AdminRecordingsController } from './admin-recordings.controller';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { registerCsvBodyParser } from './csv-body.parser';
import { NumberAssignmentService } from './number-assignment.service';

/** The admin console's API (role admin on every route): users, numbers, requests, all calls and recordings, activity, analytics. */
@Module({
  imports: [AnalyticsModule, AuthModule, CallsModule, NumbersModule, NumberRequestsModule, RecordingsModule],
  controllers: [
    AdminUsersController,
    AdminNumbersController,
    AdminNumberRequestsController,
    AdminCallsController,
    AdminRecordingsController,
    AdminActivityController,
    AdminAnalyticsController,
  ],
  providers: [
    AdminUsersService,
    AdminNumbersService,
    AdminNumberRequestsService,
    AdminActivityService,
    AdminCallsService,
    AdminAnalyticsService,
    NumberAssignmentService,
  ],
})
export class AdminModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** The CSV import's body parser lives with the route that needs it (before Fastify is ready). */
  onModuleInit(): void {
    registerCsvBodyParser(this.adapterHost.httpAdapter.getInstance<FastifyInstance>());
  }
}
