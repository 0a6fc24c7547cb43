import { Module } from '@nestjs/common';
import { NumberRequestsController } from './number-requests.controller';
import { NumberRequestsService } from './number-requests.service';

@Module({
  controllers: [NumberRequestsController],
  providers: [NumberRequestsService],
  exports: [NumberRequestsService],
})
export class NumberRequestsModule {}
