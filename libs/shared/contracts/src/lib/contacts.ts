/**
 * Contacts: a user's own address book (GET/POST/PATCH/DELETE /contacts, CSV import and export). Numbers are stored
 * and returned in E.164; names replace bare numbers wherever the web app shows a number.
 */
export const CONTACT_LIMITS = {
  nameMaxLength: 100,
  companyMaxLength: 100,
  emailMaxLength: 254,
  labelMaxLength: 30,
  /** Numbers one contact may hold. */
  numbersPerContact: 10,
  /** Contacts one user may keep. */
  contactsPerUser: 5000,
} as const;

/** The header of the import and export CSV: one line per number (a contact with no number has one line). */
export const CONTACT_CSV_COLUMNS = ['name', 'company', 'phoneNumber', 'label', 'email', 'notes'] as const;
export type ContactCsvColumn = (typeof CONTACT_CSV_COLUMNS)[number];

/** The label a number gets when none is given. */
export const DEFAULT_CONTACT_NUMBER_LABEL = 'mobile';

export interface ContactNumber {
  label: string;
  /** E.164 */
  phoneNumber: string;
}

export interface Contact {
  id: number;
  name: string;
  company: string | null;
  numbers: ContactNumber[];
  email: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContactInput {
  name: string;
  company?: string | null;
  /** E.164 or a national US format; normalised to E.164. */
  numbers?: { label?: string; phoneNumber: string }[];
  email?: string | null;
  notes?: string | null;
}

/** One entry of GET /contacts/directory: every number of my contacts with its contact (the number→name lookup). */
export interface ContactDirectoryEntry {
  phoneNumber: string;
  label: string;
  contactId: number;
  name: string;
  company: string | null;
}

export type ContactImportOutcome = 'created' | 'skipped' | 'refused';

export interface ContactImportLine {
  /** The line of the file (the header is line 1). */
  line: number;
  outcome: ContactImportOutcome;
  /** Why it was skipped or refused; what was created otherwise. */
  message: string;
  /** The contact the line created or joined (created lines only). */
  contactId: number | null;
}

/**
 * POST /contacts/import: lines of one contact (same name and company) are merged into one contact with
 * their numbers. created + skipped + errors.length = the data lines of the file; `lines` reports every one.
 */
export interface ContactImportResult {
  /** Lines saved (as part of a contact created by this import). */
  created: number;
  /** Contacts created. */
  contactsCreated: number;
  /** Lines already in my contacts (same name and number), or repeating an earlier line. */
  skipped: number;
  /** Lines refused, with why. A contact with one refused line is not imported at all. */
  errors: { line: number; message: string }[];
  lines: ContactImportLine[];
}
