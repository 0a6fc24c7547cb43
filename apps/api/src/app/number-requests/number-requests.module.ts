import { Module } from '@nestjs/common';
import { NumberRequestRepository } from './number-request.repository';
import { NumberRequestsController } from './number-requests.controller';
import { NumberRequestsService } from './number-requests.service';

/**
 * The `number_requests` table's feature: every query of it is in NumberRequestRepository; the admins' queue reaches
 * it through NumberRequestsService.
 */
@Module({
  controllers: [NumberRequestsController],
  providers: [NumberRequestsService, NumberRequestRepository],
  exports: [NumberRequestsService],
})
export class NumberRequestsModule {}
