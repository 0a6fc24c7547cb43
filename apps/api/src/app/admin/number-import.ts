import { CsvError, parse } from 'csv-parse/sync';
import {
  LIMITS,
  MONTHLY_COST_MAX,
  NUMBER_IMPORT_COLUMNS,
  NUMBER_TYPES,
  NumberImportLine,
  NumberType,
  toE164,
} from '@hh/contracts';
import { badRequest } from '../../common/errors/problem.exception';
import { CITY_MAX, COUNTRY_MAX, FRIENDLY_NAME_MAX, STATE_MAX } from './dto/admin-number.dto';

/** Columns a file may have: the documented ones, and locationCountry too (default US). */
const KNOWN_COLUMNS = [...NUMBER_IMPORT_COLUMNS, 'locationCountry'] as const;
type Column = (typeof KNOWN_COLUMNS)[number];

export interface ImportRow {
  line: number;
  phoneNumber: string;
  friendlyName: string | null;
  locationCity: string | null;
  locationState: string | null;
  locationCountry: string;
  numberType: NumberType;
  monthlyCost: number;
}

export interface ParsedImport {
  /** Valid rows, each number once (first occurrence). */
  rows: ImportRow[];
  errors: NumberImportLine[];
  /** Rows repeating a number of an earlier line. */
  skippedRows: NumberImportLine[];
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

const COST_PATTERN = /^\d{1,8}(\.\d{1,2})?$/;
const HEADER_HELP = `The first line must be the header ${NUMBER_IMPORT_COLUMNS.join(',')} (only phoneNumber is required; any order)`;

/**
 * Reads a numbers CSV (POST /admin/numbers/import). The whole file is refused (400) only when it cannot be read
 * as a list at all: empty, malformed, or a wrong header. Otherwise each row stands alone: a bad row is reported
 * with its line and reason, and the good ones go on.
 */
export function parseNumberImport(text: string): ParsedImport {
  if (text.trim() === '') throw badRequest('The file is empty; send a CSV with a header line and one number per line');
  let records: CsvRecord[];
  try {
    // With info: true each record comes with where it ended in the file (csv-parse's types do not say so).
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
  if (!header) throw badRequest('The file is empty; send a CSV with a header line and one number per line');
  const columns = readHeader(header.record);
  const rows = data.filter(({ record }) => record.some((field) => field !== ''));
  if (rows.length === 0) throw badRequest('The file has a header but no numbers');
  if (rows.length > LIMITS.csvImportRows) {
    throw badRequest(`The file has ${rows.length} rows; import at most ${LIMITS.csvImportRows} at a time`);
  }

  const result: ParsedImport = { rows: [], errors: [], skippedRows: [] };
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length > columns.length) {
      result.errors.push({ line, message: `has ${record.length} fields; the header has ${columns.length}` });
      continue;
    }
    const field = (column: Column): string => record[columns.indexOf(column)] ?? '';
    const parsed = readRow(line, field);
    if ('message' in parsed) {
      result.errors.push(parsed);
      continue;
    }
    const earlier = firstLineOf.get(parsed.phoneNumber);
    if (earlier !== undefined) {
      result.skippedRows.push({ line, message: `${parsed.phoneNumber} repeats line ${earlier}` });
      continue;
    }
    firstLineOf.set(parsed.phoneNumber, line);
    result.rows.push(parsed);
  }
  return result;
}

function readHeader(fields: string[]): Column[] {
  const byName = new Map<string, Column>(KNOWN_COLUMNS.map((column) => [column.toLowerCase(), column]));
  const columns: Column[] = [];
  const unknown: string[] = [];
  for (const name of fields) {
    const column = byName.get(name.toLowerCase());
    if (!column) unknown.push(name === '' ? '(empty)' : name.slice(0, 40));
    else if (columns.includes(column)) throw badRequest(`The header names ${column} twice. ${HEADER_HELP}`);
    else columns.push(column);
  }
  if (unknown.length > 0) {
    throw badRequest(
      `Unknown column${unknown.length === 1 ? '' : 's'} in the header: ${unknown.join(', ')}. ${HEADER_HELP}`,
    );
  }
  if (!columns.includes('phoneNumber')) throw badRequest(`The header has no phoneNumber column. ${HEADER_HELP}`);
  return columns;
}

function readRow(line: number, field: (column: Column) => string): ImportRow | NumberImportLine {
  const problems: string[] = [];
  const rawNumber = field('phoneNumber');
  const phoneNumber = rawNumber ? toE164(rawNumber) : null;
  if (!rawNumber) problems.push('phoneNumber is required');
  else if (!phoneNumber) problems.push(`phoneNumber ${quote(rawNumber)} is not a valid phone number`);

  const text = (column: Column, max: number): string | null => {
    const value = field(column);
    if (value.length > max) problems.push(`${column} must be at most ${max} characters`);
    return value === '' ? null : value;
  };
  const friendlyName = text('friendlyName', FRIENDLY_NAME_MAX);
  const locationCity = text('locationCity', CITY_MAX);
  const locationState = text('locationState', STATE_MAX);
  const locationCountry = text('locationCountry', COUNTRY_MAX) ?? 'US';

  const rawType = field('numberType');
  const numberType = (rawType === '' ? 'local' : rawType.toLowerCase()) as NumberType;
  if (!NUMBER_TYPES.includes(numberType)) {
    problems.push(`numberType ${quote(rawType)} must be one of ${NUMBER_TYPES.join(', ')}`);
  }

  const rawCost = field('monthlyCost');
  const monthlyCost = rawCost === '' ? 0 : Number(rawCost);
  if (rawCost !== '' && (!COST_PATTERN.test(rawCost) || monthlyCost > MONTHLY_COST_MAX)) {
    problems.push(
      `monthlyCost ${quote(rawCost)} must be an amount from 0 to ${MONTHLY_COST_MAX} with at most 2 decimals`,
    );
  }

  if (problems.length > 0 || !phoneNumber) return { line, message: problems.join('; ') };
  return { line, phoneNumber, friendlyName, locationCity, locationState, locationCountry, numberType, monthlyCost };
}

/** A field echoed in a message, shortened so one wild value cannot flood the answer. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
