import { randomInt } from 'node:crypto';
import type { Response } from 'supertest';

/** Asserts an RFC 9457 problem answer: status, content type, and the fields every problem has. */
export function expectProblem(res: Response, status: number, detail?: string | RegExp): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status } });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^https?:\/\//),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    }),
  );
  if (typeof detail === 'string') expect(res.body.detail).toBe(detail);
  else if (detail) expect(res.body.detail).toMatch(detail);
}

let ipCounter = 0;
const ipBase = randomInt(0, 200);

/**
 * A client address no other request of this run (nor, very likely, of a recent run sharing Redis) has used:
 * send it as X-Forwarded-For to an app started with TRUST_PROXY=loopback to get a fresh rate-limit budget.
 */
export function nextIp(): string {
  ipCounter += 1;
  return `10.${ipBase}.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`;
}

/** A random address for specs whose counters live in Redis and must not collide with earlier runs. */
export function randomIp(): string {
  return `10.${randomInt(200, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}
