import { effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { ContactDirectoryEntry } from '@hh/contracts';
import type { Subscription } from 'rxjs';
import { AuthStore } from '../../core/auth/auth-store.service';
import { ContactsApiService } from './contacts-api.service';
import { ContactLookup, EMPTY_CONTACT_LOOKUP } from './contact-lookup';

/**
 * The signed-in user's contacts as a number→name lookup, shared by every page that shows a number (the dialer's
 * recents and suggestions, the call history and details, the incoming-call panel): read once per user when first
 * needed, read again after a change of the contacts, and forgotten when the user signs out or changes.
 */
@Injectable({ providedIn: 'root' })
export class ContactDirectoryStore {
  private readonly api = inject(ContactsApiService);
  private readonly auth = inject(AuthStore);
  private readonly state = signal<ContactLookup>(EMPTY_CONTACT_LOOKUP);
  private request: Subscription | null = null;

  /** The lookup; empty until the directory arrives (numbers show as numbers meanwhile). */
  readonly lookup = this.state.asReadonly();

  constructor() {
    effect(() => {
      const userId = this.auth.user()?.id ?? null;
      untracked(() => {
        this.request?.unsubscribe();
        this.state.set(EMPTY_CONTACT_LOOKUP);
        if (userId !== null) {
          this.refresh();
        }
      });
    });
  }

  /** The name of the contact holding this number, or null. */
  nameFor(number: string | null | undefined): string | null {
    return this.state().nameFor(number);
  }

  /** Reads the directory again (after a contact was added, changed, deleted or imported). */
  refresh(): void {
    this.request?.unsubscribe();
    this.request = this.api.directory().subscribe({
      next: (entries: ContactDirectoryEntry[]) => this.state.set(new ContactLookup(entries)),
      // Without the directory numbers stay numbers: nothing to tell the user on every page.
      error: () => undefined,
    });
  }
}
