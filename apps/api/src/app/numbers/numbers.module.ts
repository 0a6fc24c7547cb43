import { Module } from '@nestjs/common';
import { NumbersController } from './numbers.controller';
import { NumbersService } from './numbers.service';
import { PhoneNumberRepository } from './phone-number.repository';

/** The `phone_numbers` table's feature: every query of it is in PhoneNumberRepository, which admin uses too. */
@Module({
  controllers: [NumbersController],
  providers: [NumbersService, PhoneNumberRepository],
  exports: [NumbersService, PhoneNumberRepository],
})
export class NumbersModule {}
