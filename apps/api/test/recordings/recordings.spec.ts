import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminRecording, Call, Paginated, PhoneNumber, Recording } from '@hh/contracts';
import { TEST_NUMBERS } from '@hh/contracts';
import { RecordingStorage } from '../../src/app/recordings/recording-storage';
import { RecordingsService } from '../../src/app/recordings/recordings.service';
import { apiKeyOf, call, newAdmin } from '../admin/admin-support';
import { activeClient, bearer } from '../support/accounts';
import { caller, Caller, placeCall } from '../support/calls';
import { startTestApp, TestApp } from '../support/test-app';
import { binary, completedCall, parseWav, settledRecordings } from './recording-support';

/**
 * Call recordings with the local-disk storage in a temporary RECORDINGS_DIR, the real engine and jobs worker, and the
 * mock at 100× (the 30-second test number completes in 0.3 s).
 */
describe('call recordings (local disk)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hh-recordings-'));
    t = await startTestApp({
      VOIP_MOCK_SPEED: '100',
      CALL_ENGINE_POLL_MS: '20',
      JOBS_POLL_MS: '20',
      RECORDINGS_DIR: dir,
      RECORDING_RETENTION_DAYS: '30',
      TRUST_PROXY: 'loopback',
    });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function numberIdOf(account: Caller): Promise<number> {
    const res = await t.http().get('/api/v1/numbers').set(bearer(account.accessToken)).expect(200);
    return (res.body as Paginated<PhoneNumber>).data[0]?.id as number;
  }

  /** A completed recorded call (record: true) and its one completed recording. */
  async function recorded(account: Caller): Promise<{ call: Call; recording: Recording }> {
    const done = await completedCall(t, account, { record: true });
    const [recording] = await settledRecordings(t, account.accessToken, done.id);
    expect(recording?.status).toBe('completed');
    return { call: done, recording: recording as Recording };
  }

  function media(id: number, token: string, range?: string) {
    const req = call(t, 'get', `/recordings/${id}/media`, token).buffer(true).parse(binary);
    return range === undefined ? req : req.set('Range', range);
  }

  it('records the calls of a number with recordCalls on: a WAV as long as the call, linked from the call', async () => {
    const account = await caller(t);
    const numberId = await numberIdOf(account);
    const patched = await call(t, 'patch', `/numbers/${numberId}`, account.accessToken, { recordCalls: true });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: numberId, recordCalls: true });

    const placed = await placeCall(t, account.accessToken, { toNumber: TEST_NUMBERS.answeredThirtySeconds });
    expect(placed.body).toMatchObject({ recorded: true, recordingUrl: null });
    const [row] = await t.sql<{ recorded: number; recording_announced: number }>(
      'SELECT recorded, recording_announced FROM calls WHERE id = ?',
      [(placed.body as Call).id],
    );
    expect(row).toEqual({ recorded: 1, recording_announced: 1 });

    const done = await completedCall(t, account);
    expect(done.durationSeconds).toBe(30);
    const recordings = await settledRecordings(t, account.accessToken, done.id);
    expect(recordings).toHaveLength(1);
    const recording = recordings[0] as Recording;
    expect(recording).toMatchObject({
      callId: done.id,
      status: 'completed',
      durationSeconds: 30,
      format: 'wav',
      sizeBytes: 44 + 30 * 8000 * 2,
    });
    expect(Date.parse(recording.expiresAt) - Date.parse(recording.createdAt)).toBe(30 * 86_400_000);
    const again = await call(t, 'get', `/calls/${done.id}`, account.accessToken);
    expect(again.body.recordingUrl).toBe(`/api/v1/recordings/${recording.id}/media`);

    const res = await media(recording.id, account.accessToken);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-length']).toBe(String(recording.sizeBytes));
    const wav = parseWav(res.body as Buffer);
    expect(wav).toMatchObject({ format: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
    expect(Math.abs(wav.seconds - done.durationSeconds)).toBeLessThanOrEqual(1);
    // What was served is the file in RECORDINGS_DIR.
    expect((await readFile(join(dir, 'recordings', `${recording.id}.wav`))).equals(res.body as Buffer)).toBe(true);

    // Turned off again: the next call is not recorded.
    await call(t, 'patch', `/numbers/${numberId}`, account.accessToken, { recordCalls: false }).expect(200);
    const unrecorded = await completedCall(t, account);
    expect(unrecorded.recorded).toBe(false);
  });

  it('records a call placed with record: true; unrecorded calls have no recording', async () => {
    const account = await caller(t);
    const { call: done, recording } = await recorded(account);
    expect(done.recorded).toBe(true);
    expect(recording.durationSeconds).toBe(done.durationSeconds);

    const plain = await completedCall(t, account);
    expect(plain).toMatchObject({ recorded: false, recordingUrl: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const none = await call(t, 'get', `/calls/${plain.id}/recordings`, account.accessToken);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ data: [] });
    const [count] = await t.sql<{ n: number }>('SELECT COUNT(*) AS n FROM recordings WHERE call_id = ?', [plain.id]);
    expect(Number(count?.n)).toBe(0);
  });

  it('filters the history on recorded (GET /calls?recorded=true|false); anything else is a 400', async () => {
    const account = await caller(t);
    const { call: done } = await recorded(account);
    const plain = await completedCall(t, account);
    const ids = async (query: string) =>
      ((await call(t, 'get', `/calls?${query}`, account.accessToken).expect(200)).body.data as Call[]).map((c) => c.id);
    expect(await ids('recorded=true')).toEqual([done.id]);
    expect(await ids('recorded=false')).toEqual([plain.id]);
    expect((await ids('')).sort()).toEqual([done.id, plain.id].sort());
    const bad = await call(t, 'get', '/calls?recorded=yes', account.accessToken);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('recorded must be true or false');
  });

  it('records nothing for a recorded call that never connected', async () => {
    const account = await caller(t);
    const res = await placeCall(t, account.accessToken, { toNumber: TEST_NUMBERS.busy, record: true });
    expect(res.status).toBe(201);
    const id = (res.body as Call).id;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const got = await call(t, 'get', `/calls/${id}`, account.accessToken);
    expect(got.body).toMatchObject({ status: 'busy', recorded: true, recordingUrl: null });
    expect((await call(t, 'get', `/calls/${id}/recordings`, account.accessToken)).body).toEqual({ data: [] });
  });

  it('serves byte ranges: first bytes, a middle range, open-ended, a suffix; 416 past the end', async () => {
    const account = await caller(t);
    const { recording } = await recorded(account);
    const size = recording.sizeBytes;
    const whole = (await media(recording.id, account.accessToken)).body as Buffer;
    expect(whole.length).toBe(size);

    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-2999', 1000, 2999],
      ['bytes=100-', 100, size - 1],
      ['bytes=-500', size - 500, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await media(recording.id, account.accessToken, range);
      expect({ range, status: res.status }).toEqual({ range, status: 206 });
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers['content-length']).toBe(String(end - start + 1));
      expect(res.headers['content-type']).toBe('audio/wav');
      expect((res.body as Buffer).equals(whole.subarray(start, end + 1))).toBe(true);
    }

    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`]) {
      const res = await call(t, 'get', `/recordings/${recording.id}/media`, account.accessToken).set('Range', range);
      expect(res.status).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${size}`);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('plays with an API key; another user gets 404, an admin may play any', async () => {
    const account = await caller(t);
    const { call: done, recording } = await recorded(account);
    const key = await apiKeyOf(t, account);
    const viaKey = await media(recording.id, key, 'bytes=0-43');
    expect(viaKey.status).toBe(206);
    expect(parseWav(fakeFullHeader(viaKey.body as Buffer))).toMatchObject({ sampleRate: 8000, seconds: 30 });
    expect((await call(t, 'get', `/calls/${done.id}/recordings`, key)).status).toBe(200);

    const stranger = await activeClient(t);
    expect((await media(recording.id, stranger.accessToken)).status).toBe(404);
    expect((await call(t, 'get', `/calls/${done.id}/recordings`, stranger.accessToken)).status).toBe(404);
    expect((await call(t, 'delete', `/recordings/${recording.id}`, stranger.accessToken)).status).toBe(404);

    const admin = await newAdmin(t);
    const asAdmin = await media(recording.id, admin.accessToken);
    expect(asAdmin.status).toBe(200);
    expect((asAdmin.body as Buffer).length).toBe(recording.sizeBytes);
  });

  it('deletes: 204, the audio removed, the recording kept as deleted and the call unlinked; admins delete any', async () => {
    const account = await caller(t);
    const { call: done, recording } = await recorded(account);
    const file = join(dir, 'recordings', `${recording.id}.wav`);
    expect(existsSync(file)).toBe(true);

    expect((await call(t, 'delete', `/recordings/${recording.id}`, account.accessToken)).status).toBe(204);
    expect(existsSync(file)).toBe(false);
    const [listed] = (await call(t, 'get', `/calls/${done.id}/recordings`, account.accessToken)).body
      .data as Recording[];
    expect(listed).toMatchObject({ id: recording.id, status: 'deleted', sizeBytes: 0 });
    expect((await call(t, 'get', `/calls/${done.id}`, account.accessToken)).body.recordingUrl).toBeNull();
    expect((await media(recording.id, account.accessToken)).status).toBe(410);
    // Again: nothing left to do.
    expect((await call(t, 'delete', `/recordings/${recording.id}`, account.accessToken)).status).toBe(204);

    const other = await recorded(account);
    const admin = await newAdmin(t);
    expect((await call(t, 'delete', `/recordings/${other.recording.id}`, admin.accessToken)).status).toBe(204);
    expect(existsSync(join(dir, 'recordings', `${other.recording.id}.wav`))).toBe(false);
  });

  it('answers 401 without credentials, 400 for bad ids and fields, 404 for what is not yours', async () => {
    const account = await caller(t);
    const numberId = await numberIdOf(account);
    for (const [method, path] of [
      ['get', '/calls/1/recordings'],
      ['get', '/recordings/1/media'],
      ['delete', '/recordings/1'],
      ['get', '/admin/recordings'],
    ] as const) {
      expect({ path, status: (await call(t, method, path)).status }).toEqual({ path, status: 401 });
    }
    for (const [method, path] of [
      ['get', '/calls/abc/recordings'],
      ['get', '/recordings/0/media'],
      ['delete', '/recordings/x'],
    ] as const) {
      expect({ path, status: (await call(t, method, path, account.accessToken)).status }).toEqual({
        path,
        status: 400,
      });
    }
    for (const [method, path] of [
      ['get', '/calls/999999/recordings'],
      ['get', '/recordings/999999/media'],
      ['delete', '/recordings/999999'],
    ] as const) {
      expect({ path, status: (await call(t, method, path, account.accessToken)).status }).toEqual({
        path,
        status: 404,
      });
    }
    expect((await call(t, 'get', '/admin/recordings', account.accessToken)).status).toBe(403);

    // The fields that turn recording on are booleans, and PATCH /numbers/{id} needs one field at least.
    for (const body of [{ recordCalls: 'yes' }, { recordCalls: null }, {}]) {
      const res = await call(t, 'patch', `/numbers/${numberId}`, account.accessToken, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const someoneElse = await caller(t);
    expect(
      (await call(t, 'patch', `/numbers/${await numberIdOf(someoneElse)}`, account.accessToken, { recordCalls: true }))
        .status,
    ).toBe(404);
    const bad = await placeCall(t, account.accessToken, {
      toNumber: TEST_NUMBERS.answeredThirtySeconds,
      record: 'yes',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'record' })]);
  });

  it('lets admins turn recordCalls on (PATCH /admin/numbers/{id}), list every recording and filter the list', async () => {
    const admin = await newAdmin(t);
    const first = await caller(t);
    const second = await caller(t);
    const numberId = await numberIdOf(second);
    const patched = await call(t, 'patch', `/admin/numbers/${numberId}`, admin.accessToken, { recordCalls: true });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: numberId, recordCalls: true });
    expect((await call(t, 'patch', `/admin/numbers/${numberId}`, admin.accessToken, { recordCalls: 1 })).status).toBe(
      400,
    );

    const a = await recorded(first);
    const b = (await completedCall(t, second)) as Call;
    const [bRecording] = await settledRecordings(t, second.accessToken, b.id);

    const all = await call(t, 'get', '/admin/recordings?pageSize=100', admin.accessToken);
    expect(all.status).toBe(200);
    const page = all.body as Paginated<AdminRecording>;
    expect(page.meta).toMatchObject({ page: 1, pageSize: 100 });
    expect(page.data.map((r) => r.id)).toEqual(expect.arrayContaining([a.recording.id, bRecording?.id]));
    expect(page.data.find((r) => r.id === a.recording.id)).toMatchObject({
      callId: a.call.id,
      userId: first.user.id,
      user: { id: first.user.id, name: first.user.name, email: first.user.email },
    });

    const mine = await call(t, 'get', `/admin/recordings?userId=${second.user.id}`, admin.accessToken);
    expect((mine.body as Paginated<AdminRecording>).data.map((r) => r.id)).toEqual([bRecording?.id]);
    expect((mine.body as Paginated<AdminRecording>).meta.total).toBe(1);

    // Dated: move one recording into the past and filter by from/to.
    await t.sql("UPDATE recordings SET created_at = '2030-03-15 10:00:00' WHERE id = ?", [a.recording.id]);
    const march = await call(t, 'get', '/admin/recordings?from=2030-03-01&to=2030-03-31', admin.accessToken);
    expect((march.body as Paginated<AdminRecording>).data.map((r) => r.id)).toEqual([a.recording.id]);
    const later = await call(t, 'get', '/admin/recordings?from=2030-03-16&pageSize=100', admin.accessToken);
    expect((later.body as Paginated<AdminRecording>).data.map((r) => r.id)).not.toContain(a.recording.id);

    for (const query of ['userId=abc', 'from=yesterday', 'page=0', 'from=2030-03-31&to=2030-03-01']) {
      const res = await call(t, 'get', `/admin/recordings?${query}`, admin.accessToken);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
  });

  it('runs the purge as a recurring job that queues itself again', async () => {
    const account = await caller(t);
    const { recording } = await recorded(account);
    await t.sql('UPDATE recordings SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE WHERE id = ?', [recording.id]);
    await t.sql("UPDATE jobs SET due_at = UTC_TIMESTAMP(3) WHERE kind = 'recordings.purge'");
    await settledUntil(async () => {
      const [row] = await t.sql<{ status: string }>('SELECT status FROM recordings WHERE id = ?', [recording.id]);
      const [job] = await t.sql<{ status: string }>("SELECT status FROM jobs WHERE kind = 'recordings.purge'");
      return row?.status === 'deleted' && job?.status === 'queued';
    });
    const [job] = await t.sql<{ status: string; due_at: Date; attempts: number }>(
      "SELECT status, due_at, attempts FROM jobs WHERE kind = 'recordings.purge'",
    );
    expect(job?.status).toBe('queued');
    expect(job?.attempts).toBe(0);
    expect((job?.due_at as Date).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  // Last: passport's JWT strategy is one per process, and the second app's goes with it when it closes.
  it('purges expired recordings once, from two instances at once, and keeps the others', async () => {
    const account = await caller(t);
    const kept = await recorded(account);
    const expired = [await recorded(account), await recorded(account), await recorded(account)];
    const ids = expired.map((e) => e.recording.id);
    await t.sql('UPDATE recordings SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 DAY WHERE id IN (?)', [ids]);

    const second = await startTestApp(
      // The same JWT secret: passport's strategy is one per process, so the last app started verifies every token.
      { JOBS: 'off', CALL_ENGINE: 'off', RECORDINGS_DIR: dir, JWT_SECRET: t.config.jwt.secret },
      { database: t.database, keepDatabase: true },
    );
    try {
      const deleted: string[] = [];
      for (const app of [t.app, second.app]) {
        const storage = app.get(RecordingStorage);
        const original = storage.delete.bind(storage);
        storage.delete = async (key: string) => {
          deleted.push(key);
          // Slow enough for the two purges to overlap.
          await new Promise((resolve) => setTimeout(resolve, 50));
          return original(key);
        };
      }
      const counts = await Promise.all([
        t.app.get(RecordingsService).purgeExpired(),
        second.app.get(RecordingsService).purgeExpired(),
      ]);
      expect(counts[0] + counts[1]).toBe(3);
      expect(deleted.sort()).toEqual(ids.map((id) => `recordings/${id}.wav`).sort());
      for (const id of ids) expect(existsSync(join(dir, 'recordings', `${id}.wav`))).toBe(false);
      const rows = await t.sql<{ id: number; status: string }>(
        'SELECT id, status FROM recordings WHERE id IN (?) ORDER BY id',
        [[...ids, kept.recording.id]],
      );
      expect(rows.map((r) => r.status)).toEqual(
        [...ids, kept.recording.id]
          .sort((x, y) => x - y)
          .map((id) => (id === kept.recording.id ? 'completed' : 'deleted')),
      );
      expect(existsSync(join(dir, 'recordings', `${kept.recording.id}.wav`))).toBe(true);
      const [callRow] = await t.sql<{ recording_url: string | null }>('SELECT recording_url FROM calls WHERE id = ?', [
        expired[0]?.call.id,
      ]);
      expect(callRow?.recording_url).toBeNull();
      // One recurring purge job for the whole system, whichever instances started.
      const jobs = await t.sql<{ n: number }>("SELECT COUNT(*) AS n FROM jobs WHERE kind = 'recordings.purge'");
      expect(Number(jobs[0]?.n)).toBe(1);
    } finally {
      await second.close();
    }
  });
});

async function settledUntil(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The first 44 bytes of a WAV are its header: enough to parse once the data length is made to agree. */
function fakeFullHeader(header: Buffer): Buffer {
  const dataBytes = header.readUInt32LE(40);
  return Buffer.concat([header, Buffer.alloc(dataBytes)]);
}
