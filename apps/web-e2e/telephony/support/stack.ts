import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real stack the telephony specs run against, on ports of its own so a developer's stack can keep running:
 * the production build of the portal with VOIP_PROVIDER=sip on a fresh database, and Kamailio + rtpengine started
 * by the project's own telephony.mjs. Global setup starts both; a spec may kill and restart the API (restartApi).
 */
export const ROOT = resolve(__dirname, '..', '..', '..', '..');
export const RUN_DIR = join(ROOT, 'dist', 'telephony-e2e');
export const API_PORT = Number(process.env['TELEPHONY_E2E_PORT'] ?? 3320);
export const BASE_URL = `http://127.0.0.1:${API_PORT}`;
export const DATABASE = process.env['TELEPHONY_E2E_DATABASE'] ?? 'hardhat_voip_e2e_sip';
export const SIP = {
  domain: 'localhost',
  port: 5160,
  wsPort: 5166,
  rpcPort: 5171,
  ngPort: 22322,
  /** The far end (baresip) standing in for the SIP trunk. */
  trunkPort: 5180,
};
export const TONES = { browserA: 440, browserB: 880, farEnd: 1000 } as const;
export const ADMIN = { email: 'admin@hardhathosting.work', password: 'E2e-Admin-Passw0rd' };

const API_PID_FILE = join(RUN_DIR, 'api.pid');

/** The environment both the API and telephony.mjs read (one place, so they agree). */
export function stackEnv(): NodeJS.ProcessEnv {
  const secrets = readSecrets();
  return {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(API_PORT),
    MARIADB_DATABASE: DATABASE,
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
    BCRYPT_ROUNDS: '4',
    TRUST_PROXY: 'loopback',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    // Fixed, so sessions outlive the API restart one spec makes.
    JWT_SECRET: secrets.jwt,
    VOIP_PROVIDER: 'sip',
    SIP_AUTH_SECRET: secrets.auth,
    SIP_INTERNAL_SECRET: secrets.internal,
    SIP_DOMAIN: SIP.domain,
    SIP_PORT: String(SIP.port),
    SIP_WS_PORT: String(SIP.wsPort),
    SIP_WS_URI: `ws://127.0.0.1:${SIP.wsPort}`,
    SIP_RPC_PORT: String(SIP.rpcPort),
    SIP_RPC_URL: `http://127.0.0.1:${SIP.rpcPort}/RPC`,
    SIP_API_URL: BASE_URL,
    SIP_TRUNK_URI: `sip:127.0.0.1:${SIP.trunkPort}`,
    RTPENGINE_NG_PORT: String(SIP.ngPort),
    RTPENGINE_PORT_MIN: '31000',
    RTPENGINE_PORT_MAX: '31999',
    TELEPHONY_RUN_DIR: join(RUN_DIR, 'telephony'),
    // rtpengine's captures of recorded calls, and the portal's own store of their WAV files.
    RTPENGINE_RECORDING_DIR: join(RUN_DIR, 'telephony', 'recordings'),
    RECORDINGS_DIR: join(RUN_DIR, 'recordings'),
  };
}

function readSecrets(): { auth: string; internal: string; jwt: string } {
  const file = join(RUN_DIR, 'secrets.json');
  if (!existsSync(file)) {
    mkdirSync(RUN_DIR, { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        auth: randomBytes(32).toString('hex'),
        internal: randomBytes(32).toString('hex'),
        jwt: randomBytes(32).toString('hex'),
      }),
      { mode: 0o600 },
    );
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function authSecret(): string {
  return readSecrets().auth;
}

/** Starts the API (detached, logs in the run folder) and waits until it answers. */
export async function startApi(): Promise<void> {
  mkdirSync(RUN_DIR, { recursive: true });
  const log = openSync(join(RUN_DIR, 'api.log'), 'a');
  const api = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], {
    cwd: ROOT,
    env: stackEnv(),
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  api.unref();
  writeFileSync(API_PID_FILE, String(api.pid));
  await waitUntil(
    async () => (await fetch(`${BASE_URL}/api/v1/health`).catch(() => null))?.ok === true,
    60_000,
    'the API',
  );
}

/** Kills the API the hard way (as a crash would), so nothing it runs at shutdown can help. */
export async function killApi(): Promise<void> {
  const pid = apiPid();
  if (pid === null) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitUntil(async () => !alive(pid), 10_000, 'the API to die');
}

export async function stopApi(): Promise<void> {
  const pid = apiPid();
  if (pid === null || !alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  await waitUntil(async () => !alive(pid), 15_000, 'the API to stop').catch(() => process.kill(pid, 'SIGKILL'));
}

function apiPid(): number | null {
  return existsSync(API_PID_FILE) ? Number(readFileSync(API_PID_FILE, 'utf8')) : null;
}

let telephony: ChildProcess | undefined;

/** telephony.mjs start, as a developer runs it (it waits for the API's schema, then for rtpengine and Kamailio). */
export async function startTelephony(): Promise<void> {
  const logFile = join(RUN_DIR, 'telephony.log');
  // The log is appended to: only a "ready" written after this start counts.
  const from = existsSync(logFile) ? statSync(logFile).size : 0;
  const log = openSync(logFile, 'a');
  telephony = spawn(process.execPath, [join(ROOT, 'telephony/scripts/telephony.mjs'), 'start'], {
    cwd: ROOT,
    env: stackEnv(),
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  telephony.unref();
  await waitUntil(
    async () => readFileSync(logFile).subarray(from).toString().includes('telephony: ready'),
    30_000,
    'Kamailio and rtpengine (see dist/telephony-e2e/telephony/logs)',
  );
}

export async function stopTelephony(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const stop = spawn(process.execPath, [join(ROOT, 'telephony/scripts/telephony.mjs'), 'stop'], {
      env: stackEnv(),
      stdio: 'inherit',
    });
    stop.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`telephony.mjs stop exited ${code}`))));
  });
}

/** Whether `pid` runs; a zombie (ended, not yet reaped by its parent) counts as gone. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}

export async function waitUntil(test: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await test().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${ms / 1000} s waiting for ${what}`);
}

/** A sine tone WAV (sox), the fake microphone of a browser or the far end's voice. */
export function toneFile(hz: number, rate = 48_000): string {
  const file = join(RUN_DIR, `tone-${hz}-${rate}.wav`);
  if (!existsSync(file)) {
    mkdirSync(RUN_DIR, { recursive: true });
    execFileSync('sox', [
      '-n',
      '-r',
      String(rate),
      '-c',
      '1',
      '-b',
      '16',
      file,
      'synth',
      '300',
      'sine',
      String(hz),
      'vol',
      '0.5',
    ]);
  }
  return file;
}

/** sox's measure of a recording (printed on stderr): its length, RMS amplitude and rough frequency. */
export function measureWav(file: string): { seconds: number; rms: number; hz: number } {
  const result = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' });
  const text = `${result.stdout}${result.stderr}`;
  const value = (label: string) => Number(new RegExp(`${label}:\\s+(-?[\\d.]+)`).exec(text)?.[1] ?? NaN);
  return { seconds: value('Length \\(seconds\\)'), rms: value('RMS\\s+amplitude'), hz: value('Rough\\s+frequency') };
}

/** The RMS amplitude of a WAV file within ±40 Hz of `hz` (sox's sinc band-pass): how much of one tone it holds. */
export function bandRms(file: string, hz: number): number {
  const result = spawnSync('sox', [file, '-n', 'sinc', `${hz - 40}-${hz + 40}`, 'stat'], { encoding: 'utf8' });
  return Number(/RMS\s+amplitude:\s+(-?[\d.]+)/.exec(`${result.stdout}${result.stderr}`)?.[1] ?? NaN);
}

/** Chromium with a fake microphone playing `wav` (the flags of docs/telephony.md's pitfalls). */
export function chromiumArgs(wav: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--autoplay-policy=no-user-gesture-required',
  ];
}
