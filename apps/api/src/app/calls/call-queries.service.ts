import { pipeline, Readable, Transform } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { Paginated } from '@hh/contracts';
import { notFound } from '../../common/errors/problem.exception';
import { paginated, pageWindow } from '../../common/http/pagination';
import { dateBounds } from '../../common/time/date-bounds';
import { CallExportRow, CallFilter, CallRepository } from './call.repository';
import type { CallWithCaller } from './call.types';
import { CallFiltersDto, ListCallsQueryDto } from './dto/call-requests.dto';
import { CallDto, toCallDto } from './dto/call.dto';

const EXPORT_COLUMNS = [
  'id',
  'startTime',
  'endTime',
  'direction',
  'fromNumber',
  'toNumber',
  'status',
  'durationSeconds',
  'cost',
  'callSid',
  'notes',
];

/** Reading calls: one user's list and calls (another user's call is a 404), every user's for admins, CSV export. */
@Injectable()
export class CallQueriesService {
  constructor(private readonly calls: CallRepository) {}

  async list(userId: number, query: ListCallsQueryDto): Promise<Paginated<CallDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.calls.list(callFilter(userId, query), offset, pageSize);
    return paginated(rows.map(toCallDto), total, page, pageSize);
  }

  /** Calls of every user (or of query.userId), each with its caller, for GET /admin/calls. */
  async listWithCallers(query: ListCallsQueryDto & { userId?: number }): Promise<Paginated<CallWithCaller>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.calls.listWithCallers(callFilter(query.userId, query), offset, pageSize);
    return paginated(rows, total, page, pageSize);
  }

  async get(userId: number, id: number): Promise<CallDto> {
    const call = await this.calls.findOwn(userId, id);
    if (!call) throw notFound('Call');
    return toCallDto(call);
  }

  /**
   * Every matching call as CSV, streamed row by row from the database (never held in memory). Destroying the
   * returned stream (the client went away) ends the query and frees its connection (CallRepository.stream).
   */
  async exportCsv(userId: number, filters: CallFiltersDto): Promise<Readable> {
    const rows = await this.calls.stream(callFilter(userId, filters));
    const toRecord = new Transform({
      objectMode: true,
      transform(row: CallExportRow, _encoding, done) {
        done(null, [
          row.id,
          iso(row.startTime),
          iso(row.endTime),
          row.direction,
          row.fromNumber,
          row.toNumber,
          row.status,
          row.durationSeconds,
          Number(row.cost).toFixed(4),
          row.callSid,
          neutraliseFormula(row.notes),
        ]);
      },
    });
    return pipeline(rows, toRecord, stringify({ header: true, columns: EXPORT_COLUMNS }), () => undefined);
  }
}

/** The repository's filter of a `from`/`to`/status/direction/q/sort query (a bad range is a 400). */
function callFilter(userId: number | undefined, filters: CallFiltersDto): CallFilter {
  const { from, to } = dateBounds(filters);
  return {
    userId,
    status: filters.status,
    direction: filters.direction,
    recorded: filters.recorded,
    from,
    to,
    q: filters.q,
    sort: filters.sort,
  };
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : value ? new Date(String(value)).toISOString() : '';
}

/** Spreadsheet formula injection: user text that starts like a formula is prefixed with a quote. */
export function neutraliseFormula(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
