#!/usr/bin/env node
// baresip as the telephone network, for trying real calls locally (README "Real calls"). It listens where the
// portal's trunk points (SIP_TRUNK_URI, sip:127.0.0.1:5080 by default), answers calls to the numbers it is given
// with a 1 kHz tone, records what it hears, and can call one of the portal's numbers:
//   npm run telephony:far-end -- --answer +15005550004,+12025550123
//   npm run telephony:far-end -- --call +19095550100      (rings that number's owner in the browser)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const telephonyDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const { values: args } = parseArgs({
  options: {
    answer: { type: 'string', default: '+15005550004,+15005550005,+12025550123' },
    call: { type: 'string' },
    'ctrl-port': { type: 'string', default: '4444' },
  },
});

if (!existsSync('/usr/bin/baresip')) {
  console.error('far-end: baresip is not installed. Install it with:\n  apt-get install -y baresip sox');
  process.exit(1);
}
const trunk = /^sips?:(?:[^@]+@)?([^;:>]+)(?::(\d+))?/.exec(env.SIP_TRUNK_URI ?? 'sip:127.0.0.1:5080');
const sipPort = trunk?.[2] ?? '5060';
const runDir = resolve(env.TELEPHONY_RUN_DIR ?? join(telephonyDir, 'run'), 'far-end');
const recordings = join(runDir, 'recordings');
mkdirSync(recordings, { recursive: true });
const wav = join(runDir, 'tone-1000.wav');
if (!existsSync(wav)) {
  const made = spawnSync('sox', [
    '-n',
    '-r',
    '8000',
    '-c',
    '1',
    '-b',
    '16',
    wav,
    'synth',
    '600',
    'sine',
    '1000',
    'vol',
    '0.5',
  ]);
  if (made.status !== 0) {
    console.error('far-end: sox is needed to make its tone. Install it with:\n  apt-get install -y sox');
    process.exit(1);
  }
}
const values = {
  SIP_PORT: sipPort,
  CTRL_PORT: args['ctrl-port'],
  WAV: wav,
  RECORDINGS: recordings,
  OUTBOUND: `sip:${env.SIP_LISTEN_ADDRESS ?? '127.0.0.1'}:${env.SIP_PORT ?? 5060}`,
  ANSWER_MODE: 'auto',
};
const fill = (template, extra = {}) =>
  readFileSync(join(telephonyDir, 'baresip', template), 'utf8').replace(
    /\{\{([A-Z_]+)\}\}/g,
    (_, name) => ({ ...values, ...extra })[name] ?? '',
  );
writeFileSync(join(runDir, 'config'), fill('config.template'));
const numbers = args.answer
  .split(',')
  .map((n) => n.trim())
  .filter(Boolean);
writeFileSync(join(runDir, 'accounts'), numbers.map((user) => fill('account.template', { USER: user })).join(''));

const baresip = spawn('baresip', ['-f', runDir], { stdio: ['ignore', 'pipe', 'inherit'] });
let ready = false;
baresip.stdout.on('data', (chunk) => {
  const text = chunk.toString();
  // Its status line repeats many times a second during a call: show the rest.
  if (!text.includes('bit/s')) process.stdout.write(text);
  if (!ready && text.includes('baresip is ready')) {
    ready = true;
    console.log(`far-end: answering ${numbers.join(', ')} on 127.0.0.1:${sipPort}; recordings in ${recordings}`);
    if (args.call) dial(`sip:${args.call}@${values.OUTBOUND.slice(4)}`);
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => baresip.kill('SIGTERM'));
baresip.on('exit', (code) => process.exit(code ?? 0));

function dial(uri) {
  const socket = connect(Number(values.CTRL_PORT), '127.0.0.1', () => {
    const json = JSON.stringify({ command: 'dial', params: uri, token: 'far-end' });
    socket.end(`${Buffer.byteLength(json)}:${json},`);
  });
  console.log(`far-end: calling ${uri}`);
}
