import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { call } from '../admin/admin-support';
import { caller } from '../support/calls';
import { startTestApp, TestApp } from '../support/test-app';
import { binary, completedCall, parseWav, settledRecordings } from './recording-support';

/** s3rver (no types of its own): an S3-protocol server in this process; it accepts the credentials S3RVER/S3RVER. */
interface S3rver {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
const S3rverServer = require('s3rver') as new (options: Record<string, unknown>) => S3rver;

const BUCKET = 'hh-recordings';

/**
 * Recordings in S3-compatible storage (S3_*), against a real S3 protocol server: the render job uploads the WAV with
 * the AWS SDK, the media route streams it and its byte ranges from the bucket, and deleting removes the object.
 */
describe('call recordings (S3)', () => {
  let t: TestApp;
  let server: S3rver;
  let dir: string;
  let s3: S3Client;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hh-s3rver-'));
    server = new S3rverServer({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: BUCKET, configs: [] }],
    });
    const { port } = await server.run();
    const endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    t = await startTestApp({
      VOIP_MOCK_SPEED: '100',
      CALL_ENGINE_POLL_MS: '20',
      JOBS_POLL_MS: '20',
      // Unused with S3 (nothing may be written there): a folder that cannot be created.
      RECORDINGS_DIR: '/proc/hh-no-recordings',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
  });
  afterAll(async () => {
    await t?.close();
    s3?.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores the audio in the bucket, serves it whole and in ranges, and deletes the object', async () => {
    const account = await caller(t);
    const done = await completedCall(t, account, { record: true });
    const [recording] = await settledRecordings(t, account.accessToken, done.id);
    expect(recording).toMatchObject({ status: 'completed', durationSeconds: 30, sizeBytes: 44 + 30 * 16_000 });
    const id = recording?.id as number;
    const key = `recordings/${id}.wav`;

    const stored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const object = Buffer.from(
      await (stored.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    expect(stored.ContentType).toBe('audio/wav');
    expect(parseWav(object)).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16, seconds: 30 });

    const whole = await call(t, 'get', `/recordings/${id}/media`, account.accessToken).buffer(true).parse(binary);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-length']).toBe(String(object.length));
    expect((whole.body as Buffer).equals(object)).toBe(true);

    const size = object.length;
    for (const [range, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=5000-5999', 5000, 5999],
      ['bytes=100-', 100, size - 1],
      ['bytes=-500', size - 500, size - 1],
    ] as const) {
      const res = await call(t, 'get', `/recordings/${id}/media`, account.accessToken)
        .set('Range', range)
        .buffer(true)
        .parse(binary);
      expect({ range, status: res.status }).toEqual({ range, status: 206 });
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
      expect((res.body as Buffer).equals(object.subarray(start, end + 1))).toBe(true);
    }
    const past = await call(t, 'get', `/recordings/${id}/media`, account.accessToken).set('Range', `bytes=${size}-`);
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${size}`);

    expect((await call(t, 'delete', `/recordings/${id}`, account.accessToken)).status).toBe(204);
    await expect(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });
});
