import { createHash, randomBytes, randomInt } from 'node:crypto';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { Connection, createConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { CALL_ROLLUPS } from '../app/analytics/call-rollups';
import { hashPassword } from '../app/auth/password-hash';
import { callCost } from '../app/calls/call-lifecycle';
import type { AppConfig } from '../config/app-config';

/**
 * Demo data for the portal (`npm run db:seed:demo`, through ./seed-demo.cli.ts), on an already migrated database:
 *
 *   clients in every status (active, pending, suspended) at @demo.hardhathosting.work, password DEMO_PASSWORD
 *   (or a random one, returned to be printed once: there is no well-known demo password); a number inventory
 *   (assigned to the active clients, some available, one suspended); number requests fulfilled, pending, approved
 *   and denied; a few API keys (only their SHA-256 is stored; the keys themselves are thrown away); 90 days of calls
 *   that follow the mock plan (80 % completed after 30–180 s of talk, 10 % no_answer, 10 % failed; cost per started
 *   minute at VOIP_MOCK_RATE_PER_MINUTE); and user_analytics and the rollups from those calls, so every figure the
 *   portal shows agrees with the call history.
 *
 * Passwords are hashed by the API's own hashPassword, so the demo clients can sign in.
 * Idempotent: everything is written in one transaction, and a second run finds the demo clients and does nothing.
 */
export const DEMO_DOMAIN = 'demo.hardhathosting.work';
const DAYS = 90;

export const DEMO_CLIENTS: ReadonlyArray<readonly [name: string, status: 'active' | 'pending' | 'suspended']> = [
  ['Acme Plumbing', 'active'],
  ['Bluebird Bakery', 'active'],
  ['Cedar Dental', 'active'],
  ['Delta Logistics', 'active'],
  ['Evergreen Realty', 'active'],
  ['Foxglove Florists', 'active'],
  ['Granite Law', 'active'],
  ['Harbor Tours', 'active'],
  ['Ivy Tutoring', 'pending'],
  ['Juniper Yoga', 'pending'],
  ['Kestrel Auto', 'suspended'],
];

export interface DemoSeedOptions {
  db: AppConfig['db'];
  bcryptRounds: number;
  ratePerMinute: number;
  /** The demo clients' password; a random one when absent. */
  password?: string;
  log?: (message: string) => void;
}

export type DemoSeedOutcome =
  | { created: false; existingClients: number }
  | { created: true; clients: number; calls: number; numbers: number; password: string; generated: boolean };

/** The e-mail address of a demo client, from its name (`Acme Plumbing` → `acme.plumbing@demo.hardhathosting.work`). */
export function demoEmail(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${DEMO_DOMAIN}`;
}

export async function seedDemo(options: DemoSeedOptions): Promise<DemoSeedOutcome> {
  const db = await createConnection({ ...options.db, timezone: 'Z' });
  try {
    const [[seeded]] = await db.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM users WHERE email LIKE ?', [
      `%@${DEMO_DOMAIN}`,
    ]);
    if (Number(seeded?.['n']) > 0) return { created: false, existingClients: Number(seeded?.['n']) };
    const password = options.password || `Demo-${randomBytes(9).toString('base64url')}7`;
    const passwordHash = await hashPassword(password, options.bcryptRounds);
    await db.beginTransaction();
    try {
      const counts = await seed(db, passwordHash, options.ratePerMinute);
      await db.commit();
      options.log?.(`  ${counts.calls} calls over ${DAYS} days, ${counts.numbers} numbers`);
      return { created: true, clients: DEMO_CLIENTS.length, ...counts, password, generated: !options.password };
    } catch (error) {
      await db.rollback().catch(() => undefined);
      throw error;
    }
  } finally {
    await db.end();
  }
}

interface DemoUser {
  id: number;
  name: string;
  status: string;
  signup: Date;
  numbers?: { id: number; e164: string }[];
}

async function seed(db: Connection, passwordHash: string, rate: number): Promise<{ calls: number; numbers: number }> {
  const now = Date.now();
  const users: DemoUser[] = [];
  for (const [i, [name, status]] of DEMO_CLIENTS.entries()) {
    const signup = new Date(now - (DAYS + 10 - i) * 86_400_000);
    const [result] = await db.query<ResultSetHeader>(
      `INSERT INTO users (name, email, password_hash, role, status, signup_date, created_at, updated_at)
       VALUES (?, ?, ?, 'client', ?, ?, ?, ?)`,
      [name, demoEmail(name), passwordHash, status, signup, signup, signup],
    );
    users.push({ id: result.insertId, name, status, signup });
  }

  // The inventory: two numbers per active client, ten available, one suspended.
  let numbers = 0;
  const addNumber = async (fields: {
    status: string;
    ownerId?: number;
    friendlyName?: string;
    numberType?: 'local' | 'toll_free';
    assignedDate?: Date;
  }) => {
    const phone = freshNumber();
    const [result] = await db.query<ResultSetHeader>(
      `INSERT IGNORE INTO phone_numbers (phone_number, friendly_name, location_city, location_state, owner_id, status,
                                         number_type, monthly_cost, assigned_date, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        phone.e164,
        fields.friendlyName ?? null,
        phone.city,
        phone.state,
        fields.ownerId ?? null,
        fields.status,
        fields.numberType ?? 'local',
        fields.numberType === 'toll_free' ? 4.5 : 2.0,
        fields.assignedDate ?? null,
        new Date(now - (DAYS + 20) * 86_400_000),
      ],
    );
    numbers++;
    return { id: result.insertId, e164: phone.e164 };
  };
  const active = users.filter((u) => u.status === 'active');
  for (const user of active) {
    user.numbers = [
      await addNumber({ ownerId: user.id, status: 'assigned', friendlyName: 'Main line', assignedDate: user.signup }),
      await addNumber({ ownerId: user.id, status: 'assigned', friendlyName: 'Sales', assignedDate: user.signup }),
    ];
  }
  for (let i = 0; i < 10; i++) await addNumber({ status: 'available', numberType: i < 2 ? 'toll_free' : 'local' });
  await addNumber({ status: 'suspended' });

  // Requests: each active client's first number came from a fulfilled request; pending, approved and denied ones.
  const request = (
    userId: number,
    status: string,
    fields: {
      areaCode?: string;
      city?: string;
      reason?: string;
      adminNotes?: string;
      assignedNumberId?: number;
      createdAt?: Date;
      processedAt?: Date;
    } = {},
  ) =>
    db.query(
      `INSERT INTO number_requests (user_id, area_code, city_preference, number_type, business_name, reason, status,
                                    admin_notes, assigned_number_id, created_at, processed_at)
       VALUES (?, ?, ?, 'local', ?, ?, ?, ?, ?, ?, ?)`,
      [
        userId,
        fields.areaCode ?? '909',
        fields.city ?? null,
        users.find((u) => u.id === userId)?.name ?? null,
        fields.reason ?? 'A local number for our customers',
        status,
        fields.adminNotes ?? null,
        fields.assignedNumberId ?? null,
        fields.createdAt ?? new Date(now - 3 * 86_400_000),
        status === 'pending' ? null : (fields.processedAt ?? new Date(now - 2 * 86_400_000)),
      ],
    );
  for (const user of active) {
    await request(user.id, 'fulfilled', {
      assignedNumberId: user.numbers?.[0]?.id,
      createdAt: user.signup,
      processedAt: user.signup,
      adminNotes: 'Welcome aboard',
    });
  }
  for (const user of users.filter((u) => u.status === 'pending')) {
    await request(user.id, 'pending', { city: 'Ontario, CA' });
  }
  const [first, second, third] = active as [DemoUser, DemoUser, DemoUser];
  await request(first.id, 'pending', { areaCode: '212', city: 'New York', reason: 'An East Coast presence' });
  await request(second.id, 'approved', { areaCode: '415', adminNotes: 'Waiting for a 415 number' });
  await request(third.id, 'denied', { areaCode: '900', adminNotes: 'Premium-rate numbers are not offered' });

  // API keys of three active clients; only hashes are stored.
  for (const user of active.slice(0, 3)) {
    const key = `hh_live_${base62(40)}`;
    await db.query(
      `INSERT INTO api_keys (user_id, key_name, api_key, key_prefix, creation_date, status, usage_count)
       VALUES (?, 'CRM integration', ?, ?, ?, 'active', ?)`,
      [user.id, createHash('sha256').update(key).digest('hex'), key.slice(0, 12), user.signup, randomInt(0, 500)],
    );
  }

  // 90 days of calls of the active (and the suspended, before suspension) clients.
  const callers = [...active, ...users.filter((u) => u.status === 'suspended')];
  const rows: unknown[][] = [];
  for (const user of callers) {
    const from = user.numbers?.[0]?.e164 ?? '+19095550100';
    for (let day = DAYS - 1; day >= 0; day--) {
      const perDay = randomInt(2, 14);
      for (let i = 0; i < perDay; i++) {
        const start = new Date(now - day * 86_400_000 - randomInt(0, 86_400) * 1000);
        if (start.getTime() > now - 60_000) continue;
        const roll = randomInt(0, 100);
        const status = roll < 80 ? 'completed' : roll < 90 ? 'no_answer' : 'failed';
        const ring = 2 + randomInt(3, 9); // 2 s to ringing, 3–8 s to the outcome
        const talk = status === 'completed' ? randomInt(30, 181) : 0;
        const answered = status === 'completed' ? new Date(start.getTime() + ring * 1000) : null;
        const end = new Date(start.getTime() + (ring + talk) * 1000);
        rows.push([
          user.id,
          from,
          freshNumber().e164,
          'outbound',
          status,
          talk,
          start,
          end,
          answered,
          `MOCK${randomBytes(16).toString('hex')}`,
          callCost(talk, rate),
        ]);
      }
    }
  }
  for (let i = 0; i < rows.length; i += 2000) {
    await db.query(
      `INSERT INTO calls (user_id, from_number, to_number, direction, status, duration_seconds, start_time, end_time,
                          answered_at, call_sid, cost)
       VALUES ?`,
      [rows.slice(i, i + 2000)],
    );
  }

  // Totals and rollups from those calls, as the engine would have written them call by call.
  const ids = users.map((u) => u.id);
  await db.query(
    `INSERT INTO user_analytics (user_id, total_calls, successful_calls, failed_calls, canceled_calls,
                                 total_duration_seconds, total_cost, last_call_date, updated_at)
     SELECT user_id, COUNT(*), SUM(status = 'completed'), SUM(status IN ('failed', 'busy', 'no_answer')),
            SUM(status = 'canceled'), SUM(duration_seconds), SUM(cost), MAX(start_time), UTC_TIMESTAMP(3)
       FROM calls WHERE user_id IN (?) GROUP BY user_id
     ON DUPLICATE KEY UPDATE
       total_calls = VALUES(total_calls), successful_calls = VALUES(successful_calls),
       failed_calls = VALUES(failed_calls), canceled_calls = VALUES(canceled_calls),
       total_duration_seconds = VALUES(total_duration_seconds), total_cost = VALUES(total_cost),
       last_call_date = VALUES(last_call_date), updated_at = VALUES(updated_at)`,
    [ids],
  );
  // Every rollup the engine writes (CALL_ROLLUPS), added to.
  const formats = { month: '%Y-%m-01', day: '%Y-%m-%d', hour: '%Y-%m-%d %H:00:00' };
  for (const { table, period, key } of CALL_ROLLUPS) {
    const keyColumn = key === 'status' ? 'CAST(status AS CHAR)' : 'user_id';
    await db.query(
      `INSERT INTO ${table} (${period}, ${key}, calls, duration_seconds, cost)
       SELECT DATE_FORMAT(start_time, '${formats[period]}'), ${keyColumn}, COUNT(*), SUM(duration_seconds), SUM(cost)
         FROM calls WHERE user_id IN (?) AND status IN ('completed', 'failed', 'busy', 'no_answer', 'canceled')
        GROUP BY 1, 2
       ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls),
         duration_seconds = duration_seconds + VALUES(duration_seconds), cost = cost + VALUES(cost)`,
      [ids],
    );
  }
  return { calls: rows.length, numbers };
}

function freshNumber(): { e164: string; city: string; state: string } {
  const places = [
    ['909', 'Ontario', 'CA'],
    ['212', 'New York', 'NY'],
    ['415', 'San Francisco', 'CA'],
    ['512', 'Austin', 'TX'],
    ['206', 'Seattle', 'WA'],
  ] as const;
  for (;;) {
    const [area, city, state] = places[randomInt(0, places.length)] as (typeof places)[number];
    const e164 = `+1${area}${randomInt(200, 1000)}${String(randomInt(0, 10_000)).padStart(4, '0')}`;
    if (isValidPhoneNumber(e164)) return { e164, city, state };
  }
}

function base62(length: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let out = '';
  while (out.length < length) out += alphabet[randomInt(0, 62)];
  return out;
}
