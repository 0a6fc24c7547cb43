#!/usr/bin/env node
// CPU and memory per concurrent call through Kamailio and rtpengine (docs/benchmarks.md): N calls at once between
// two baresip instances (a caller authenticated as a portal user, a far end standing in for the trunk), all audio
// relayed by rtpengine. The API's policy answer is a stub that routes every call to the trunk, so the figures are
// the SIP server's and the media relay's; the API's own work per call is a few queries (bench:engine measures that).
//   npm run bench:telephony [-- --calls 20 --seconds 20]
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args } = parseArgs({
  options: { calls: { type: 'string', default: '20' }, seconds: { type: 'string', default: '20' } },
});
const CALLS = Number(args.calls);
const SECONDS = Number(args.seconds);
const runDir = join(root, 'dist', 'bench-telephony');
const database = 'hardhat_voip_bench_telephony';
const ports = { sip: 5260, ws: 5266, rpc: 5271, ng: 22422, trunk: 5280, caller: 5290, policy: 5299 };
const secret = randomBytes(32).toString('hex');
const internal = randomBytes(32).toString('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const children = [];

rmSync(runDir, { recursive: true, force: true });
mkdirSync(runDir, { recursive: true });

// The portal's schema (sip_events) in a scratch database, by the API's own migrator.
const db = {
  host: process.env.MARIADB_HOST ?? '127.0.0.1',
  port: Number(process.env.MARIADB_PORT ?? 3306),
  user: process.env.MARIADB_USER ?? 'root',
  password: process.env.MARIADB_PASSWORD ?? '',
};
const admin = await createConnection(db);
await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
const migrated = spawnSync(process.execPath, [join(root, 'dist/apps/api/migrate.js')], {
  env: { ...process.env, MARIADB_DATABASE: database, LOG_LEVEL: 'warn' },
  encoding: 'utf8',
});
if (migrated.status !== 0) throw new Error(`migration failed: ${migrated.stderr}`);

const policy = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ action: 'route', target: 'trunk', callerId: '+19095550100' }));
  });
}).listen(ports.policy, '127.0.0.1');

const env = {
  ...process.env,
  MARIADB_DATABASE: database,
  SIP_AUTH_SECRET: secret,
  SIP_INTERNAL_SECRET: internal,
  SIP_PORT: String(ports.sip),
  SIP_WS_PORT: String(ports.ws),
  SIP_RPC_PORT: String(ports.rpc),
  SIP_API_URL: `http://127.0.0.1:${ports.policy}`,
  SIP_TRUNK_URI: `sip:127.0.0.1:${ports.trunk}`,
  RTPENGINE_NG_PORT: String(ports.ng),
  RTPENGINE_PORT_MIN: '32000',
  RTPENGINE_PORT_MAX: '32999',
  TELEPHONY_RUN_DIR: join(runDir, 'telephony'),
};
const telephony = spawn(process.execPath, [join(root, 'telephony/scripts/telephony.mjs'), 'start'], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
children.push(telephony);
await new Promise((ready, failed) => {
  telephony.stdout.on('data', (chunk) => chunk.toString().includes('telephony: ready') && ready());
  telephony.once('exit', (code) => failed(new Error(`telephony.mjs exited (${code})`)));
});

const tone = (hz, file) =>
  spawnSync('sox', [
    '-n',
    '-r',
    '8000',
    '-c',
    '1',
    '-b',
    '16',
    file,
    'synth',
    String(SECONDS + 60),
    'sine',
    String(hz),
    'vol',
    '0.5',
  ]);
const fill = (template, values) =>
  readFileSync(join(root, 'telephony', 'baresip', template), 'utf8').replace(
    /\{\{([A-Z_]+)\}\}/g,
    (_, n) => values[n] ?? '',
  );
const numbers = Array.from({ length: CALLS }, (_, i) => `+1202555${String(1000 + i)}`);

async function baresip(name, sipPort, ctrlPort, hz, accounts) {
  const dir = join(runDir, name);
  mkdirSync(join(dir, 'recordings'), { recursive: true });
  tone(hz, join(dir, 'tone.wav'));
  const values = {
    SIP_PORT: String(sipPort),
    CTRL_PORT: String(ctrlPort),
    WAV: join(dir, 'tone.wav'),
    RECORDINGS: join(dir, 'recordings'),
    OUTBOUND: `sip:127.0.0.1:${ports.sip}`,
    ANSWER_MODE: 'auto',
  };
  // Recording every call would measure the disk: the bench's baresips only play and listen.
  writeFileSync(join(dir, 'config'), fill('config.template', values).replace(/^module\s+sndfile\.so$/m, ''));
  writeFileSync(join(dir, 'accounts'), accounts(values));
  const child = spawn('baresip', ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const events = [];
  await new Promise((ready) => child.stdout.on('data', (c) => c.toString().includes('baresip is ready') && ready()));
  const socket = connect(ctrlPort, '127.0.0.1');
  let buffer = '';
  socket.on('data', (chunk) => {
    buffer += chunk;
    for (let colon; (colon = buffer.indexOf(':')) >= 0; ) {
      const length = Number(buffer.slice(0, colon));
      if (buffer.length < colon + length + 2) break;
      const message = JSON.parse(buffer.slice(colon + 1, colon + 1 + length));
      buffer = buffer.slice(colon + length + 2);
      if (message.event) events.push(message.type);
    }
  });
  const command = (cmd, params = '') => {
    const json = JSON.stringify({ command: cmd, params, token: cmd });
    socket.write(`${Buffer.byteLength(json)}:${json},`);
  };
  return { events, command };
}

const farEnd = await baresip('far-end', ports.trunk, 4544, 1000, (v) =>
  numbers.map((user) => fill('account.template', { ...v, USER: user })).join(''),
);
const username = `${Math.floor(Date.now() / 1000) + 3600}:u1`;
const password = createHmac('sha1', secret).update(username).digest('base64');
const caller = await baresip(
  'caller',
  ports.caller,
  4545,
  440,
  () =>
    `<sip:u1@localhost>;auth_user=${username};auth_pass=${password};regint=0;audio_codecs=PCMU;outbound="sip:127.0.0.1:${ports.sip}"\n`,
);

for (const number of numbers) {
  caller.command('dial', `sip:${number}@localhost`);
  await sleep(50);
}
const established = () => farEnd.events.filter((e) => e === 'CALL_ESTABLISHED').length;
for (let i = 0; i < 100 && established() < CALLS; i++) await sleep(100);
if (established() < CALLS) throw new Error(`only ${established()} of ${CALLS} calls were answered`);
const [rows] = await admin.query(`SELECT COUNT(*) AS n FROM \`${database}\`.sip_events WHERE event = 'answered'`);
await sleep(2000);

/**
 * CPU seconds (user + system) and memory of every process whose command line names `pattern`: PSS, so Kamailio's
 * shared memory, mapped by each of its processes, counts once.
 */
function sample(pattern) {
  const pids = spawnSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  let ticks = 0;
  let rssKb = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(stat[11]) + Number(stat[12]);
      rssKb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended between pgrep and the read
    }
  }
  return { cpu: ticks / 100, rssMb: rssKb / 1024, processes: pids.length };
}
const watched = {
  kamailio: join(runDir, 'telephony', 'kamailio.cfg'),
  rtpengine: join(runDir, 'telephony', 'rtpengine.conf'),
  'baresip (both)': `baresip -f ${runDir}`,
};
const before = Object.fromEntries(Object.entries(watched).map(([name, pattern]) => [name, sample(pattern)]));
const started = Date.now();
await sleep(SECONDS * 1000);
const elapsed = (Date.now() - started) / 1000;
const after = Object.fromEntries(Object.entries(watched).map(([name, pattern]) => [name, sample(pattern)]));

console.log(
  `\n${CALLS} concurrent calls (PCMU, 50 packets/s each way per leg) for ${elapsed.toFixed(1)} s; ${rows[0].n} answered events in sip_events\n`,
);
console.log('| process | CPU (% of one core) | per call | memory, PSS (MB) | processes |');
console.log('|---|---|---|---|---|');
for (const name of Object.keys(watched)) {
  const cpu = ((after[name].cpu - before[name].cpu) / elapsed) * 100;
  console.log(
    `| ${name} | ${cpu.toFixed(1)} % | ${(cpu / CALLS).toFixed(2)} % | ${after[name].rssMb.toFixed(1)} | ${after[name].processes} |`,
  );
}

caller.command('hangupall');
await sleep(1500);
policy.close();
for (const child of children.reverse()) child.kill('SIGTERM');
await sleep(1500);
// baresip does not always stop on SIGTERM while calls are closing.
for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
await admin.end();
process.exit(0);
