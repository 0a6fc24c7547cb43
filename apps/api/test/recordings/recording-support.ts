import type { Call, Recording } from '@hh/contracts';
import { TEST_NUMBERS } from '@hh/contracts';
import { bearer } from '../support/accounts';
import { Caller, eventually, placeCall } from '../support/calls';
import type { TestApp } from '../support/test-app';

/** What a WAV file says about itself (its RIFF header). */
export interface WavInfo {
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
  seconds: number;
}

/** Parses a PCM WAV's header; fails the test when it is not one. */
export function parseWav(wav: Buffer): WavInfo {
  expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
  expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
  expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
  expect(wav.toString('ascii', 12, 16)).toBe('fmt ');
  expect(wav.toString('ascii', 36, 40)).toBe('data');
  const info = {
    format: wav.readUInt16LE(20),
    channels: wav.readUInt16LE(22),
    sampleRate: wav.readUInt32LE(24),
    bitsPerSample: wav.readUInt16LE(34),
    dataBytes: wav.readUInt32LE(40),
    seconds: 0,
  };
  expect(info.dataBytes).toBe(wav.length - 44);
  info.seconds = info.dataBytes / (info.sampleRate * info.channels * (info.bitsPerSample / 8));
  return info;
}

/** supertest: collect a binary body into a Buffer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function binary(res: any, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Places a call to the 30-second test number and waits until it completed. */
export async function completedCall(t: TestApp, account: Caller, body: Record<string, unknown> = {}): Promise<Call> {
  const res = await placeCall(t, account.accessToken, { toNumber: TEST_NUMBERS.answeredThirtySeconds, ...body });
  expect(res.status).toBe(201);
  const id = (res.body as Call).id;
  return eventually(
    async () => {
      const call = (await t.http().get(`/api/v1/calls/${id}`).set(bearer(account.accessToken))).body as Call;
      return call.status === 'completed' ? call : undefined;
    },
    20_000,
    `call ${id} to complete`,
  );
}

/** Waits until the call's recordings are all settled (none processing) and returns them. */
export async function settledRecordings(t: TestApp, token: string, callId: number): Promise<Recording[]> {
  return eventually(
    async () => {
      const res = await t.http().get(`/api/v1/calls/${callId}/recordings`).set(bearer(token));
      expect(res.status).toBe(200);
      const data = (res.body as { data: Recording[] }).data;
      return data.every((r) => r.status !== 'processing') ? data : undefined;
    },
    20_000,
    `the recordings of call ${callId}`,
  );
}
