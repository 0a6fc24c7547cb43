import type { Call, CallStatus } from '@hh/contracts';
import { bearer } from '../support/accounts';
import type { TestApp } from '../support/test-app';

export interface LegRow {
  id: number;
  user_id: number;
  direction: 'inbound' | 'outbound';
  from_number: string;
  to_number: string;
  status: CallStatus;
  call_sid: string;
  duration_seconds: number;
  cost: string;
  rate_per_minute: string | null;
  answered_at: Date | null;
  end_time: Date | null;
  next_status: string | null;
}

/** Both legs of a mock call by the sid convention (the caller's `<sid>`, the callee's `<sid>;in`), in id order. */
export function legsOf(t: TestApp, callSid: string): Promise<LegRow[]> {
  const base = callSid.endsWith(';in') ? callSid.slice(0, -3) : callSid;
  return t.sql<LegRow>(
    `SELECT id, user_id, direction, from_number, to_number, status, call_sid, duration_seconds, cost, rate_per_minute,
            answered_at, end_time, next_status
       FROM calls WHERE call_sid IN (?, ?) ORDER BY id`,
    [base, `${base};in`],
  );
}

/** The statuses of a call's timeline, in order, with their sources. */
export async function timeline(t: TestApp, id: number): Promise<string[]> {
  const rows = await t.sql<{ status: string; source: string }>(
    'SELECT status, source FROM call_events WHERE call_id = ? ORDER BY id',
    [id],
  );
  return rows.map((row) => `${row.status}:${row.source}`);
}

export function answer(t: TestApp, token: string, id: number | string) {
  return t.http().post(`/api/v1/calls/${id}/answer`).set(bearer(token));
}

export function decline(t: TestApp, token: string, id: number | string) {
  return t.http().post(`/api/v1/calls/${id}/decline`).set(bearer(token));
}

export function hangUp(t: TestApp, token: string, id: number, status: CallStatus) {
  return t.http().patch(`/api/v1/calls/${id}`).set(bearer(token)).send({ status });
}

export function simulate(t: TestApp, token: string | undefined, body: Record<string, unknown>) {
  const req = t.http().post('/api/v1/sim/inbound-calls');
  if (token) req.set(bearer(token));
  return req.send(body);
}

export type { Call };
