import { CsvError, parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';
import {
  CONTACT_CSV_COLUMNS,
  CONTACT_LIMITS,
  ContactCsvColumn,
  DEFAULT_CONTACT_NUMBER_LABEL,
  LIMITS,
  toE164,
} from '@hh/contracts';
import { badRequest } from '../../common/errors/problem.exception';

/** One contact of the file: the lines that share its name and company, each with the number it adds. */
export interface ImportedContact {
  name: string;
  company: string | null;
  email: string | null;
  notes: string | null;
  lines: { line: number; number: { label: string; phoneNumber: string } | null }[];
}

export interface ParsedContactImport {
  contacts: ImportedContact[];
  /** Lines refused on their own (the contact they belong to is refused with them: see `refusedWith`). */
  errors: { line: number; message: string }[];
  /** Good lines of a contact that has a refused line: none of its lines is imported. */
  refusedWith: { line: number; message: string }[];
  /** Lines repeating the same contact and number as an earlier line. */
  repeats: { line: number; message: string }[];
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

const HEADER_HELP = `The first line must be the header ${CONTACT_CSV_COLUMNS.join(',')} (only name is required; any order)`;

/**
 * Reads a contacts CSV (POST /contacts/import). The whole file is refused (400) only when it cannot be read as a
 * list at all: empty, not CSV, or a wrong header. Otherwise lines sharing a name and company make one
 * contact with their numbers (as the export writes a contact with several numbers); a bad line is refused with its
 * reason and takes its contact with it, so no contact is imported with only some of its lines.
 */
export function parseContactImport(text: string): ParsedContactImport {
  const empty = 'The file is empty; send a CSV with a header line and one contact number per line';
  if (text.trim() === '') throw badRequest(empty);
  if (text.includes('\u0000')) throw badRequest('The file is not a CSV text file');
  let records: CsvRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw badRequest(`The CSV could not be read: ${error.message}`);
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw badRequest(empty);
  const columns = readHeader(header.record);
  const rows = data.filter(({ record }) => record.some((field) => field !== ''));
  if (rows.length === 0) throw badRequest('The file has a header but no contacts');
  if (rows.length > LIMITS.csvImportRows) {
    throw badRequest(`The file has ${rows.length} rows; import at most ${LIMITS.csvImportRows} at a time`);
  }

  const byKey = new Map<string, ImportedContact>();
  const errors: ParsedContactImport['errors'] = [];
  const repeats: ParsedContactImport['repeats'] = [];
  /** The refused lines of each contact. */
  const refusedKeys = new Map<string, number[]>();
  const numbersSeen = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const field = (column: ContactCsvColumn): string => {
      const index = columns.indexOf(column);
      return index < 0 ? '' : (record[index] ?? '');
    };
    const problems: string[] = [];
    if (record.length > columns.length) problems.push(`has ${record.length} fields; the header has ${columns.length}`);
    const name = field('name');
    if (name === '') problems.push('name is required');
    const text = (column: ContactCsvColumn, max: number): string | null => {
      const value = field(column);
      if (value.length > max) problems.push(`${column} must be at most ${max} characters`);
      return value === '' ? null : value;
    };
    if (name.length > CONTACT_LIMITS.nameMaxLength) {
      problems.push(`name must be at most ${CONTACT_LIMITS.nameMaxLength} characters`);
    }
    const company = text('company', CONTACT_LIMITS.companyMaxLength);
    const email = text('email', CONTACT_LIMITS.emailMaxLength);
    if (email !== null && !isEmail(email)) problems.push(`email ${quote(email)} is not an email address`);
    const notes = text('notes', LIMITS.textMaxLength);
    const label = text('label', CONTACT_LIMITS.labelMaxLength);
    const rawNumber = field('phoneNumber');
    const phoneNumber = rawNumber === '' ? null : toE164(rawNumber);
    if (rawNumber !== '' && !phoneNumber) problems.push(`phoneNumber ${quote(rawNumber)} is not a valid phone number`);
    if (rawNumber === '' && label !== null) problems.push('label is given without a phoneNumber');

    const key = [name, company ?? ''].map((part) => part.toLowerCase()).join('\n');
    if (problems.length > 0) {
      errors.push({ line, message: problems.join('; ') });
      refusedKeys.set(key, [...(refusedKeys.get(key) ?? []), line]);
      continue;
    }
    let contact = byKey.get(key);
    if (!contact) {
      contact = { name, company, email, notes, lines: [] };
      byKey.set(key, contact);
    } else {
      // A later line may add what the first left out: the first e-mail given wins, different notes are joined.
      contact.email ??= email;
      if (notes !== null && contact.notes !== notes) {
        contact.notes = contact.notes === null ? notes : `${contact.notes}\n${notes}`;
      }
    }
    if (phoneNumber) {
      const seenKey = `${key}\n${phoneNumber}`;
      const earlier = numbersSeen.get(seenKey);
      if (earlier !== undefined) {
        repeats.push({ line, message: `${name}: ${phoneNumber} repeats line ${earlier}` });
        continue;
      }
      numbersSeen.set(seenKey, line);
    }
    contact.lines.push({
      line,
      number: phoneNumber ? { label: label ?? DEFAULT_CONTACT_NUMBER_LABEL, phoneNumber } : null,
    });
  }

  const contacts: ImportedContact[] = [];
  const refusedWith: ParsedContactImport['refusedWith'] = [];
  for (const [key, contact] of byKey) {
    const bad = refusedKeys.get(key);
    if (bad) {
      for (const { line } of contact.lines) {
        refusedWith.push({
          line,
          message: `${contact.name} has a refused line (${bad.join(', ')}), so none of its lines is imported`,
        });
      }
      continue;
    }
    const numbers = contact.lines.filter((l) => l.number !== null).length;
    if (numbers > CONTACT_LIMITS.numbersPerContact) {
      for (const { line } of contact.lines) {
        refusedWith.push({
          line,
          message: `${contact.name} has ${numbers} numbers; a contact holds at most ${CONTACT_LIMITS.numbersPerContact}`,
        });
      }
      continue;
    }
    contacts.push(contact);
  }
  return { contacts, errors, refusedWith, repeats };
}

function readHeader(fields: string[]): ContactCsvColumn[] {
  const byName = new Map<string, ContactCsvColumn>(CONTACT_CSV_COLUMNS.map((column) => [column.toLowerCase(), column]));
  const columns: ContactCsvColumn[] = [];
  const unknown: string[] = [];
  for (const name of fields) {
    const column = byName.get(name.toLowerCase());
    if (!column) unknown.push(name === '' ? '(empty)' : quote(name));
    else if (columns.includes(column)) throw badRequest(`The header names ${column} twice. ${HEADER_HELP}`);
    else columns.push(column);
  }
  if (unknown.length > 0) {
    throw badRequest(
      `Unknown column${unknown.length === 1 ? '' : 's'} in the header: ${unknown.join(', ')}. ${HEADER_HELP}`,
    );
  }
  if (!columns.includes('name')) throw badRequest(`The header has no name column. ${HEADER_HELP}`);
  return columns;
}

/** A field echoed in a message, shortened so one wild value cannot flood the answer. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
