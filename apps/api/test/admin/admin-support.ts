import type { Test } from 'supertest';
import { bearer, signUp, SignedUp } from '../support/accounts';
import { freshNumber } from '../support/calls';
import type { TestApp } from '../support/test-app';

export type Method = 'get' | 'post' | 'patch' | 'delete';

/**
 * A fresh active admin (signed up, then promoted by SQL). Each test that acts a lot brings its own admin, since
 * every user has a budget of 100 requests per minute.
 */
export async function newAdmin(t: TestApp): Promise<SignedUp> {
  const account = await signUp(t);
  await t.sql("UPDATE users SET role = 'admin', status = 'active' WHERE id = ?", [account.user.id]);
  account.user.role = 'admin';
  account.user.status = 'active';
  return account;
}

/** An API key of the account (which must be active), created through POST /api-keys. */
export async function apiKeyOf(t: TestApp, account: SignedUp): Promise<string> {
  const res = await t.http().post('/api/v1/api-keys').set(bearer(account.accessToken)).send({ keyName: 'spec' });
  expect(res.status).toBe(201);
  return (res.body as { key: string }).key;
}

/** A request to the API as the holder of `token` (a session token or an API key; none: anonymous). */
export function call(t: TestApp, method: Method, path: string, token?: string, body?: unknown): Test {
  const req = t.http()[method](`/api/v1${path}`);
  if (token?.startsWith('hh_')) req.set('X-API-Key', token);
  else if (token) req.set(bearer(token));
  return body === undefined ? req : req.send(body as object);
}

/** Inserts an inventory number by SQL and returns its id. */
export async function insertNumber(
  t: TestApp,
  fields: Partial<{
    phoneNumber: string;
    numberType: 'local' | 'toll_free' | 'mobile';
    status: 'available' | 'assigned' | 'pending' | 'suspended';
    ownerId: number | null;
    friendlyName: string | null;
  }> = {},
): Promise<{ id: number; phoneNumber: string }> {
  const phoneNumber = fields.phoneNumber ?? freshNumber();
  const ownerId = fields.ownerId ?? null;
  const result = (await t.sql(
    `INSERT INTO phone_numbers (phone_number, friendly_name, number_type, status, owner_id, assigned_date, created_at)
     VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
    [
      phoneNumber,
      fields.friendlyName ?? null,
      fields.numberType ?? 'local',
      fields.status ?? (ownerId ? 'assigned' : 'available'),
      ownerId,
      ownerId ? new Date() : null,
    ],
  )) as unknown as { insertId: number };
  return { id: result.insertId, phoneNumber };
}

export interface ActivityRow {
  user_id: number | null;
  entity_type: string | null;
  entity_id: number | null;
  details: unknown;
}

/** The activity rows of an action (on one entity), oldest first, details parsed. */
export async function activityOf(t: TestApp, action: string, entityId?: number): Promise<ActivityRow[]> {
  const rows = await t.sql<ActivityRow>(
    `SELECT user_id, entity_type, entity_id, details FROM activity_logs WHERE action = ? ${
      entityId === undefined ? '' : 'AND entity_id = ?'
    } ORDER BY id`,
    entityId === undefined ? [action] : [action, entityId],
  );
  // MariaDB's JSON is LONGTEXT: the driver hands it over as text.
  return rows.map((row) => ({
    ...row,
    details: typeof row.details === 'string' ? (JSON.parse(row.details) as unknown) : row.details,
  }));
}
