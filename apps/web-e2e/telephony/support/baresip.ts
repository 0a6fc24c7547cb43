import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { alive, ROOT, RUN_DIR, waitUntil } from './stack';

/** The project's baresip templates (telephony/baresip/), shared with telephony/scripts/far-end.mjs. */
function fill(template: string, values: Record<string, string>): string {
  return readFileSync(join(ROOT, 'telephony', 'baresip', template), 'utf8').replace(
    /\{\{([A-Z_]+)\}\}/g,
    (_, name: string) => values[name] ?? '',
  );
}

export interface FarEndOptions {
  /** Its name (folder under the run folder). */
  name: string;
  /** Where it listens for SIP (the trunk address Kamailio sends calls to, or any free port). */
  sipPort: number;
  /** Its TCP control port (baresip's ctrl_tcp). */
  ctrlPort: number;
  /** What it plays into every call. */
  wav: string;
  /** The numbers it answers (baresip answers a call only for an account whose user is the dialled number). */
  numbers?: string[];
  /** Where its own calls go (Kamailio's SIP address). */
  outbound: string;
  /** Answer every call at once (the telephone network's subscriber picks up). */
  autoAnswer?: boolean;
}

export interface FarEndEvent {
  type: string;
  param?: string;
  peeruri?: string;
}

/**
 * A real SIP phone, baresip, playing the telephone network: it answers calls to the given numbers, plays a tone
 * and records what it hears (one WAV per call, in its folder), and dials through its control port.
 * (docs/telephony.md: the `aubridge,nullsink` player does not spin a core; `net_interface` takes an address.)
 */
export class FarEnd {
  readonly dir: string;
  readonly recordings: string;
  readonly events: FarEndEvent[] = [];
  private process?: ChildProcess;

  constructor(private readonly options: FarEndOptions) {
    this.dir = join(RUN_DIR, 'baresip', options.name);
    this.recordings = join(this.dir, 'recordings');
  }

  async start(): Promise<void> {
    const { sipPort, ctrlPort, wav, numbers = ['far-end'], outbound, autoAnswer = true } = this.options;
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.recordings, { recursive: true });
    const values: Record<string, string> = {
      SIP_PORT: String(sipPort),
      CTRL_PORT: String(ctrlPort),
      WAV: wav,
      RECORDINGS: this.recordings,
      OUTBOUND: outbound,
      ANSWER_MODE: autoAnswer ? 'auto' : 'manual',
    };
    writeFileSync(join(this.dir, 'config'), fill('config.template', values));
    writeFileSync(
      join(this.dir, 'accounts'),
      numbers.map((user) => fill('account.template', { ...values, USER: user })).join(''),
    );
    this.process = spawn('baresip', ['-f', this.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    this.process.stdout?.on('data', (chunk) => (output += chunk));
    this.process.stderr?.on('data', (chunk) => (output += chunk));
    await waitUntil(async () => output.includes('baresip is ready'), 10_000, `baresip ${this.options.name}`);
    this.listen();
  }

  /** Follows the control port's events (CALL_ESTABLISHED, CALL_CLOSED with its reason…). */
  private listen(): void {
    const socket = connect(this.options.ctrlPort, '127.0.0.1');
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      for (;;) {
        const colon = buffer.indexOf(':');
        if (colon < 0) break;
        const length = Number(buffer.slice(0, colon));
        if (buffer.length < colon + 1 + length + 1) break;
        const message = JSON.parse(buffer.slice(colon + 1, colon + 1 + length));
        buffer = buffer.slice(colon + 1 + length + 1);
        if (message.event) this.events.push({ type: message.type, param: message.param, peeruri: message.peeruri });
      }
    });
    socket.on('error', () => undefined);
    this.process?.once('exit', () => socket.destroy());
  }

  /** Sends one command over ctrl_tcp (a netstring of JSON) and resolves with baresip's response. */
  command(command: string, params = ''): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.options.ctrlPort, '127.0.0.1', () => {
        const json = JSON.stringify({ command, params, token: `t${Date.now()}` });
        socket.write(`${Buffer.byteLength(json)}:${json},`);
      });
      let reply = '';
      socket.on('data', (chunk) => {
        reply += chunk.toString();
        if (reply.includes('"response"')) {
          socket.end();
          resolve(reply);
        }
      });
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        resolve(reply);
      }, 3000);
    });
  }

  dial(uri: string): Promise<string> {
    return this.command('dial', uri);
  }

  hangup(): Promise<string> {
    return this.command('hangup');
  }

  async waitForEvent(type: string, ms = 15_000): Promise<FarEndEvent> {
    let found: FarEndEvent | undefined;
    await waitUntil(async () => !!(found = this.events.find((event) => event.type === type)), ms, `baresip ${type}`);
    return found as FarEndEvent;
  }

  /** The WAV files of what it heard ("-dec"), newest last. */
  heard(): string[] {
    return readdirSync(this.recordings)
      .filter((file) => file.endsWith('-dec.wav'))
      .sort()
      .map((file) => join(this.recordings, file));
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child?.pid || child.exitCode !== null) return;
    child.kill('SIGTERM');
    // Its port is free only once the process has gone.
    await waitUntil(async () => !alive(child.pid as number), 5_000, 'baresip to exit').catch(() =>
      child.kill('SIGKILL'),
    );
  }
}
