import { Module } from '@nestjs/common';
import { NumberRequestRepository } from './number-request.repository';
import { NumberRequestsController } from './number-requests.controller';
import { NumberRequestsService } from './number-requests.service';

/** The `number_requests` table's feature: every query of it is in NumberRequestRepository, which admin uses too. */
@Module({
  controllers: [NumberRequestsController],
  providers: [NumberRequestsService, NumberRequestRepository],
  exports: [NumberRequestsService, NumberRequestRepository],
})
export class NumberRequestsModule {}
