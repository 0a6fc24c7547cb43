import type { ContactDirectoryEntry } from '@hh/contracts';
import { phoneSearchDigits, toPossibleE164 } from '../format/phone';

/** A contact offered while a number is typed: who, and the number it would dial. */
export interface ContactSuggestion {
  contactId: number;
  name: string;
  company: string | null;
  label: string;
  phoneNumber: string;
}

/** How many suggestions the dialer offers at most. */
export const SUGGESTION_LIMIT = 6;

/**
 * The number→name lookup over the directory of my contacts (GET /contacts/directory): numbers are E.164 on both
 * sides; a number typed in another form ("(909) 555-0142") is read as E.164 first. When two contacts share a
 * number, the first by name wins, as the directory comes sorted by name.
 */
export class ContactLookup {
  private readonly byNumber = new Map<string, ContactDirectoryEntry>();

  constructor(private readonly entries: readonly ContactDirectoryEntry[]) {
    for (const entry of entries) {
      if (!this.byNumber.has(entry.phoneNumber)) {
        this.byNumber.set(entry.phoneNumber, entry);
      }
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** The contact holding this number, or null. */
  find(number: string | null | undefined): ContactDirectoryEntry | null {
    if (!number) {
      return null;
    }
    const exact = this.byNumber.get(number);
    if (exact) {
      return exact;
    }
    const e164 = toPossibleE164(number);
    return (e164 && this.byNumber.get(e164)) || null;
  }

  /** The name of the contact holding this number, or null. */
  nameFor(number: string | null | undefined): string | null {
    return this.find(number)?.name ?? null;
  }

  /**
   * Contacts for what is typed: words in the name or company ("dan", "acme"), or digits within a number however
   * they are written ("909 555" finds +19095550142). Names that start with the text come first.
   */
  suggest(text: string, limit = SUGGESTION_LIMIT): ContactSuggestion[] {
    const query = text.trim().toLowerCase();
    if (!query) {
      return [];
    }
    const digits = /[a-z]/.test(query) ? '' : phoneSearchDigits(query);
    if (!digits && !/[a-z]/.test(query)) {
      return [];
    }
    const starts: ContactSuggestion[] = [];
    const others: ContactSuggestion[] = [];
    for (const entry of this.entries) {
      const name = entry.name.toLowerCase();
      const matches = digits
        ? phoneSearchDigits(entry.phoneNumber).includes(digits)
        : name.includes(query) || (entry.company?.toLowerCase().includes(query) ?? false);
      if (matches) {
        const suggestion = {
          contactId: entry.contactId,
          name: entry.name,
          company: entry.company,
          label: entry.label,
          phoneNumber: entry.phoneNumber,
        };
        (!digits && name.startsWith(query) ? starts : others).push(suggestion);
      }
    }
    return [...starts, ...others].slice(0, limit);
  }
}

export const EMPTY_CONTACT_LOOKUP = new ContactLookup([]);
