import type { AuthResponse } from '@hh/contracts';
import type { TestApp } from './test-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './test-app';
import { nextIp } from './http';

let counter = 0;

export interface SignedUp extends AuthResponse {
  password: string;
  /** The Set-Cookie header of the response (hh_refresh). */
  cookie: string;
}

/**
 * Signs up a fresh client (pending) through the API. Each sign-up comes from its own X-Forwarded-For address
 * (used when the app trusts proxies), so that arranging many accounts never eats a spec's per-IP budget.
 */
export async function signUp(
  t: TestApp,
  overrides: Partial<{ name: string; email: string; password: string; ip: string }> = {},
): Promise<SignedUp> {
  counter += 1;
  const body = {
    name: overrides.name ?? `Client ${counter}`,
    email: overrides.email ?? `client${counter}.${Date.now()}@example.com`,
    password: overrides.password ?? 'Lantern-Osprey-7',
  };
  const res = await t
    .http()
    .post('/api/v1/auth/signup')
    .set('X-Forwarded-For', overrides.ip ?? nextIp())
    .send(body)
    .expect(201);
  return { ...(res.body as AuthResponse), password: body.password, cookie: cookieOf(res.headers['set-cookie']) };
}

/** Signs up a client and makes them active, as an admin's approval would. */
export async function activeClient(t: TestApp): Promise<SignedUp> {
  const account = await signUp(t);
  await t.sql("UPDATE users SET status = 'active' WHERE id = ?", [account.user.id]);
  account.user.status = 'active';
  return account;
}

export async function logIn(
  t: TestApp,
  email: string,
  password: string,
  ip?: string,
): Promise<AuthResponse & { cookie: string }> {
  const req = t.http().post('/api/v1/auth/login');
  if (ip) req.set('X-Forwarded-For', ip);
  const res = await req.send({ email, password }).expect(200);
  return { ...(res.body as AuthResponse), cookie: cookieOf(res.headers['set-cookie']) };
}

export function logInAdmin(t: TestApp) {
  return logIn(t, ADMIN_EMAIL, ADMIN_PASSWORD);
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

function cookieOf(header: string | string[] | undefined): string {
  const all = Array.isArray(header) ? header : header ? [header] : [];
  return all.find((c) => c.startsWith('hh_refresh=')) ?? '';
}
