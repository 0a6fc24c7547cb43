import { Module } from '@nestjs/common';
import { NumbersController } from './numbers.controller';
import { NumbersService } from './numbers.service';
import { PhoneNumberRepository } from './phone-number.repository';

/**
 * The `phone_numbers` table's feature: every query of it is in PhoneNumberRepository; other features (admin, calls)
 * reach it through NumbersService.
 */
@Module({
  controllers: [NumbersController],
  providers: [NumbersService, PhoneNumberRepository],
  exports: [NumbersService],
})
export class NumbersModule {}
