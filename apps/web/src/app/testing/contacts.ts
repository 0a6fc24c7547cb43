import { type Provider, signal } from '@angular/core';
import type { ContactDirectoryEntry } from '@hh/contracts';
import { ContactDirectoryStore } from '../shared/contacts/contact-directory.store';
import { ContactLookup } from '../shared/contacts/contact-lookup';

/**
 * Test helper: the contact directory with these entries, without its GET /contacts/directory (specs that verify
 * their HTTP calls are about other requests). Pages that show numbers show these names.
 */
export function provideContactDirectory(entries: readonly ContactDirectoryEntry[] = []): Provider {
  return {
    provide: ContactDirectoryStore,
    useFactory: () => {
      const lookup = signal(new ContactLookup(entries));
      return {
        lookup: lookup.asReadonly(),
        nameFor: (number: string | null | undefined) => lookup().nameFor(number),
        refresh: () => undefined,
      } satisfies Pick<ContactDirectoryStore, 'lookup' | 'nameFor' | 'refresh'>;
    },
  };
}
