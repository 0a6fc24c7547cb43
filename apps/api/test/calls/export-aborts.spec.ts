import { get, IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';
import { activeClient, bearer, SignedUp } from '../support/accounts';
import { expectProblem } from '../support/http';
import { listen } from '../support/sse';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * GET /calls/export streams a query: a client that leaves mid-way must not keep the query's pooled connection
 * (before: `.pipe()` left the query paused forever, and ten abandoned exports hung every request of the API).
 */
describe('GET /calls/export when clients abort', () => {
  const CALLS = 5000;
  let t: TestApp;
  let baseUrl: string;
  let owner: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    owner = await activeClient(t);
    // A few thousand calls with long notes: an export is megabytes, far more than socket buffers absorb.
    await t.sql(
      `INSERT INTO calls (user_id, from_number, to_number, direction, status, duration_seconds, start_time, end_time,
                          cost, notes, call_sid)
       SELECT ?, '+19095550100', '+15005550004', 'outbound', 'completed', 30,
              UTC_TIMESTAMP(3) - INTERVAL seq MINUTE, UTC_TIMESTAMP(3) - INTERVAL seq MINUTE + INTERVAL 35 SECOND,
              0.02, REPEAT('n', 2000), CONCAT('MOCKEXPORT', seq)
         FROM seq_1_to_${CALLS}`,
      [owner.user.id],
    );
  });
  afterAll(() => t.close());

  /** Starts an export; resolves with the response once its status line (and, for a 200, a first chunk) arrived. */
  function openExport(token: string): Promise<{ response: IncomingMessage; abort: () => void; body: () => string }> {
    return new Promise((resolve, reject) => {
      let text = '';
      const request = get(`${baseUrl}/api/v1/calls/export`, { headers: bearer(token) }, (response) => {
        const abort = () => {
          request.destroy();
          response.destroy();
        };
        response.setEncoding('utf8');
        if (response.statusCode !== 200) {
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ response, abort, body: () => text }));
          return;
        }
        response.once('data', (chunk: string) => {
          text += chunk;
          response.pause(); // then stop reading, like a stalled or departed browser
          resolve({ response, abort, body: () => text });
        });
      });
      request.on('error', reject);
    });
  }

  /** Connections of the spec's database other than the spec's own that are busy (not idle in the pool). */
  async function busyConnections(): Promise<{ ID: number; COMMAND: string; STATE: string }[]> {
    return t.sql(
      `SELECT ID, COMMAND, STATE FROM information_schema.PROCESSLIST
        WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND COMMAND <> 'Sleep'`,
    );
  }

  async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return check();
  }

  it('releases the database connection of every aborted export, and the API keeps answering at once', async () => {
    for (let i = 0; i < 20; i++) {
      let opened = await openExport(owner.accessToken);
      // The previous abort frees its slot as soon as the server sees the socket close.
      for (let tries = 0; opened.response.statusCode === 429 && tries < 40; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        opened = await openExport(owner.accessToken);
      }
      expect(opened.response.statusCode).toBe(200);
      expect(opened.body()).toMatch(/^id,startTime,endTime,/);
      opened.abort();
    }

    const started = Date.now();
    await t.http().get('/api/v1/calls?pageSize=1').set(bearer(owner.accessToken)).expect(200);
    expect(Date.now() - started).toBeLessThan(1000);

    // No query is left running (paused mid-result) on the test database.
    expect(await eventually(async () => (await busyConnections()).length === 0, 5000)).toBe(true);
    const [{ n }] = await t.sql<{ n: number }>(
      'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()',
    );
    expect(Number(n)).toBeLessThanOrEqual(t.config.dbPool.size);
  });

  it('runs at most 2 exports of a user at once: a third is a 429 with Retry-After; a finished one frees its slot', async () => {
    const first = await openExport(owner.accessToken);
    const second = await openExport(owner.accessToken);
    expect([first.response.statusCode, second.response.statusCode]).toEqual([200, 200]);

    const third = await openExport(owner.accessToken);
    expect(third.response.statusCode).toBe(429);
    expect(Number(third.response.headers['retry-after'])).toBeGreaterThan(0);
    expect(third.response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(third.body())).toMatchObject({
      status: 429,
      detail: expect.stringMatching(/at most 2 exports/i),
    });

    // Another user is not affected.
    const other = await activeClient(t);
    const theirs = await openExport(other.accessToken);
    expect(theirs.response.statusCode).toBe(200);
    theirs.abort();

    first.abort();
    second.abort();
    let again = await openExport(owner.accessToken);
    for (let tries = 0; again.response.statusCode === 429 && tries < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await openExport(owner.accessToken);
    }
    expect(again.response.statusCode).toBe(200);
    again.abort();
  });
});

describe('an exhausted connection pool', () => {
  it('answers 503 with Retry-After once MARIADB_ACQUIRE_TIMEOUT_MS passes, instead of hanging', async () => {
    const t = await startTestApp({ MARIADB_POOL_SIZE: '1', MARIADB_ACQUIRE_TIMEOUT_MS: '300' });
    try {
      const owner = await activeClient(t);
      // Take the only connection, as a long query or a slowly read export would.
      const held = t.app.get(DataSource).createQueryRunner();
      await held.connect();
      try {
        const started = Date.now();
        const res = await t.http().get('/api/v1/calls').set(bearer(owner.accessToken));
        expectProblem(res, 503);
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
        expect(Date.now() - started).toBeLessThan(3000);
      } finally {
        await held.release();
      }
      // The pool recovers: the next request is served.
      await t.http().get('/api/v1/calls').set(bearer(owner.accessToken)).expect(200);
    } finally {
      await t.close();
    }
  });
});
