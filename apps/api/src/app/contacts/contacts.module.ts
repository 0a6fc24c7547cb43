import { Module } from '@nestjs/common';
import { ContactRepository } from './contact.repository';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

/** The `contacts` and `contact_numbers` tables' feature: every query of them is in ContactRepository. */
@Module({
  controllers: [ContactsController],
  providers: [ContactsService, ContactRepository],
  exports: [ContactsService],
})
export class ContactsModule {}
