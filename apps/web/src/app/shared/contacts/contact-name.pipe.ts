import { inject, Pipe, type PipeTransform } from '@angular/core';
import { formatPhoneNumber } from '../format/phone';
import { ContactDirectoryStore } from './contact-directory.store';

/**
 * `{{ number | contactName }}`: the name of the contact holding the number, else the number formatted for people.
 * Impure, as the names arrive (and change) after the page shows; the lookup is one Map read.
 */
@Pipe({ name: 'contactName', pure: false })
export class ContactNamePipe implements PipeTransform {
  private readonly directory = inject(ContactDirectoryStore);

  transform(number: string | null | undefined): string {
    return this.directory.nameFor(number) ?? formatPhoneNumber(number);
  }
}
