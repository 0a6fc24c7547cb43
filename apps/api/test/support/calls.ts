import { randomInt } from 'node:crypto';
import type { CallStatus } from '@hh/contracts';
import { toE164 } from '@hh/contracts';
import { Clock } from '../../src/common/clock';
import { activeClient, bearer, SignedUp } from './accounts';
import type { TestApp } from './test-app';

/** Final statuses: every one sets endTime. */
export const FINAL: readonly CallStatus[] = ['completed', 'failed', 'busy', 'no_answer', 'canceled'];

let numberCounter = 0;

/**
 * A valid, dialable US number no other spec of this run is likely to hold: area codes from a fixed list of real
 * ones, subscriber digits from a counter and a random offset (phone_numbers.phone_number is unique).
 */
export function freshNumber(): string {
  const areas = ['909', '212', '415', '310', '617', '303', '512', '206'];
  for (;;) {
    numberCounter += 1;
    const area = areas[randomInt(0, areas.length)] as string;
    const exchange = randomInt(200, 1000);
    const line = String((numberCounter * 7919 + randomInt(0, 10_000)) % 10_000).padStart(4, '0');
    const e164 = toE164(`+1${area}${exchange}${line}`);
    if (e164) return e164;
  }
}

/** Assigns a phone number to a user by SQL, as an admin's assignment would leave it. */
export async function assignNumber(
  t: TestApp,
  userId: number,
  phoneNumber = freshNumber(),
  assignedDate?: Date,
): Promise<string> {
  await t.sql(
    `INSERT INTO phone_numbers (phone_number, owner_id, status, assigned_date, created_at)
     VALUES (?, ?, 'assigned', COALESCE(?, UTC_TIMESTAMP(3)), UTC_TIMESTAMP(3))`,
    [phoneNumber, userId, assignedDate ?? null],
  );
  return phoneNumber;
}

export interface Caller extends SignedUp {
  /** The caller's assigned number (the default caller ID). */
  number: string;
}

/** An active client with one assigned number: someone who may place calls. */
export async function caller(t: TestApp): Promise<Caller> {
  const account = await activeClient(t);
  const number = await assignNumber(t, account.user.id);
  return { ...account, number };
}

export function placeCall(t: TestApp, token: string, body: Record<string, unknown>, idempotencyKey?: string) {
  const req = t.http().post('/api/v1/calls').set(bearer(token));
  if (idempotencyKey !== undefined) req.set('Idempotency-Key', idempotencyKey);
  return req.send(body);
}

/**
 * A clock the spec moves by hand. It replaces Clock.now() of the app's one Clock instance, which the engine
 * and the calls service share, so "now" is whatever the spec says for placing, ticking and hanging up.
 */
export class ManualClock {
  private current: number;

  constructor(start: Date | number = Date.now()) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  static install(t: TestApp, start?: Date | number): ManualClock {
    const manual = new ManualClock(start);
    t.app.get(Clock).now = () => manual.now();
    return manual;
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | number): void {
    this.current = typeof at === 'number' ? at : at.getTime();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface AnalyticsRow {
  user_id: number;
  total_calls: number;
  successful_calls: number;
  failed_calls: number;
  canceled_calls: number;
  total_duration_seconds: number;
  total_cost: string;
}

/**
 * user_analytics and the same totals recomputed from the calls table (final calls only), per user, in one
 * comparable shape. Sign-up creates a user's row with zeros; a user with no row at all, or no final call, counts
 * as zeros on either side, so both lists hold the same users (those of `userIds`, else everyone seen).
 */
export async function analyticsAndRecomputation(
  t: TestApp,
  userIds?: number[],
): Promise<{ stored: AnalyticsRow[]; recomputed: AnalyticsRow[] }> {
  const filter = userIds ? `AND user_id IN (${userIds.map(Number).join(',') || 'NULL'})` : '';
  const stored = await t.sql<AnalyticsRow>(
    `SELECT user_id, total_calls, successful_calls, failed_calls, canceled_calls, total_duration_seconds,
            CAST(total_cost AS CHAR) AS total_cost
       FROM user_analytics WHERE 1 = 1 ${filter}`,
  );
  const recomputed = await t.sql<AnalyticsRow>(
    `SELECT user_id, COUNT(*) AS total_calls,
            CAST(SUM(status = 'completed') AS SIGNED) AS successful_calls,
            CAST(SUM(status IN ('failed', 'busy', 'no_answer')) AS SIGNED) AS failed_calls,
            CAST(SUM(status = 'canceled') AS SIGNED) AS canceled_calls,
            CAST(SUM(duration_seconds) AS SIGNED) AS total_duration_seconds,
            CAST(SUM(cost) AS CHAR) AS total_cost
       FROM calls WHERE status IN ('completed', 'failed', 'busy', 'no_answer', 'canceled') ${filter}
      GROUP BY user_id`,
  );
  const users = new Set<number>(userIds ?? [...stored, ...recomputed].map((row) => Number(row.user_id)));
  const normalise = (rows: AnalyticsRow[]): AnalyticsRow[] => {
    const byUser = new Map(rows.map((row) => [Number(row.user_id), row]));
    return [...users]
      .sort((a, b) => a - b)
      .map((userId) => {
        const row = byUser.get(userId);
        return {
          user_id: userId,
          total_calls: Number(row?.total_calls ?? 0),
          successful_calls: Number(row?.successful_calls ?? 0),
          failed_calls: Number(row?.failed_calls ?? 0),
          canceled_calls: Number(row?.canceled_calls ?? 0),
          total_duration_seconds: Number(row?.total_duration_seconds ?? 0),
          total_cost: Number(row?.total_cost ?? 0).toFixed(4),
        };
      });
  };
  return { stored: normalise(stored), recomputed: normalise(recomputed) };
}

/** The all-zero totals of a user with no final call. */
export function noTotals(userId: number): AnalyticsRow {
  return {
    user_id: userId,
    total_calls: 0,
    successful_calls: 0,
    failed_calls: 0,
    canceled_calls: 0,
    total_duration_seconds: 0,
    total_cost: '0.0000',
  };
}

export interface CallEventRow {
  call_id: number;
  status: CallStatus;
  occurred_at: Date;
  recorded_at: Date;
  source: string;
}

/** Every call's timeline (call_events in id order), by call id. */
export async function timelines(t: TestApp, callIds?: number[]): Promise<Map<number, CallEventRow[]>> {
  const filter = callIds ? `WHERE call_id IN (${callIds.map(Number).join(',') || 'NULL'})` : '';
  const rows = await t.sql<CallEventRow>(
    `SELECT call_id, status, occurred_at, recorded_at, source FROM call_events ${filter} ORDER BY id`,
  );
  const byCall = new Map<number, CallEventRow[]>();
  for (const row of rows) {
    const list = byCall.get(row.call_id) ?? [];
    list.push(row);
    byCall.set(row.call_id, list);
  }
  return byCall;
}

/** The status paths the mock provider's plan allows, each ending in a final status. */
export const ALLOWED_PATHS: readonly (readonly CallStatus[])[] = [
  ['initiated', 'ringing', 'in_progress', 'completed'],
  ['initiated', 'ringing', 'failed'],
  ['initiated', 'ringing', 'busy'],
  ['initiated', 'ringing', 'no_answer'],
];

export { bearer };

export interface InsertedCall {
  id: number;
  userId: number;
  fromNumber: string;
  toNumber: string;
  direction: 'outbound' | 'inbound';
  status: CallStatus;
  durationSeconds: number;
  startTime: Date;
  endTime: Date | null;
  cost: number;
  notes: string | null;
  callSid: string;
}

let sidCounter = 0;

/**
 * Writes a call row directly (history for list, stats and export specs): nothing scheduled, so the engine never
 * touches it. Final calls get an endTime; cost follows the per-started-minute rule unless given.
 */
export async function insertCall(
  t: TestApp,
  call: Partial<InsertedCall> & Pick<InsertedCall, 'userId' | 'fromNumber'>,
): Promise<InsertedCall> {
  sidCounter += 1;
  const status = call.status ?? 'completed';
  const durationSeconds = call.durationSeconds ?? (status === 'completed' ? 30 : 0);
  const startTime = call.startTime ?? new Date();
  const row: Omit<InsertedCall, 'id'> = {
    userId: call.userId,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber ?? '+15005550004',
    direction: call.direction ?? 'outbound',
    status,
    durationSeconds,
    startTime,
    endTime:
      call.endTime !== undefined
        ? call.endTime
        : FINAL.includes(status)
          ? new Date(startTime.getTime() + (durationSeconds + 5) * 1000)
          : null,
    cost: call.cost ?? Math.round(Math.ceil(durationSeconds / 60) * 0.02 * 10_000) / 10_000,
    notes: call.notes ?? null,
    callSid:
      call.callSid ??
      `MOCK${String(sidCounter).padStart(8, '0')}${randomInt(0, 2 ** 40)
        .toString(16)
        .padStart(24, '0')}`,
  };
  const result = (await t.sql(
    `INSERT INTO calls (user_id, from_number, to_number, direction, status, duration_seconds, start_time, end_time,
                        cost, notes, call_sid)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      row.userId,
      row.fromNumber,
      row.toNumber,
      row.direction,
      row.status,
      row.durationSeconds,
      row.startTime,
      row.endTime,
      row.cost,
      row.notes,
      row.callSid,
    ],
  )) as unknown as { insertId: number };
  return { id: result.insertId, ...row };
}
