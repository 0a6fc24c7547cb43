// Benchmark of the durable call engine (not a test): how late does it apply transitions under load, how many
// per second, does any step happen twice, and what does it cost in CPU?
//
//   npm run bench:engine                       builds the API, then runs 1 instance and 2 instances
//   node tools/bench/engine-bench.mjs --calls 10000 --speed 10 --instances 1,2 --arrival-seconds 5
//
// Each scenario gets a fresh database and real API processes (dist/apps/api/main.js, the production build)
// with VOIP_MOCK_SPEED=--speed. Calls are put in flight directly by SQL, in the shape POST /calls writes them
// (status initiated, the mock provider's plan columns drawn the same way, next_status ringing due 2 s / speed
// later, an `initiated` call_event and a call_initiated activity row), in chunks every 100 ms over
// --arrival-seconds: a steady arrival of calls, without the HTTP layer and the 10-calls-per-minute limit in the
// way. Then it waits until every call is final and reads the figures from call_events:
//   lateness     recorded_at - occurred_at of the engine's transitions (when written vs when due)
//   throughput   engine transitions per second, overall and in the busiest second
//   duplicates   (call_id, status) pairs recorded more than once: must be 0
//   CPU          utime + stime of each API process and of MariaDB from /proc/<pid>/stat over the run
import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';

const args = parseArgs(process.argv.slice(2), {
  calls: 10_000,
  speed: 10,
  instances: '1,2',
  'arrival-seconds': 5,
  users: 200,
  'base-port': 3300,
  'keep-database': false,
});
const MAIN = 'dist/apps/api/main.js';
const DB = {
  host: process.env.MARIADB_HOST ?? '127.0.0.1',
  port: Number(process.env.MARIADB_PORT ?? 3306),
  user: process.env.MARIADB_USER ?? 'root',
  password: process.env.MARIADB_PASSWORD ?? '',
};
const CLK_TCK = 100; // Linux USER_HZ
const RING_MS = 2000;

if (!existsSync(MAIN)) {
  console.error(`${MAIN} is missing: build the API first (npm run bench:engine does).`);
  process.exit(1);
}

const results = [];
for (const instances of String(args.instances).split(',').map(Number)) {
  results.push(await scenario(instances));
}
console.log('\n=== Summary ===');
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.table(results);

async function scenario(instanceCount) {
  const database = `bench_${randomBytes(4).toString('hex')}`;
  const label = `${instanceCount} instance${instanceCount > 1 ? 's' : ''}`;
  console.log(`\n=== ${label}: ${args.calls} calls, VOIP_MOCK_SPEED=${args.speed}, database ${database} ===`);
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    MARIADB_DATABASE: database,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    ADMIN_PASSWORD: 'Bench-Admin-Passw0rd',
    VOIP_MOCK_SPEED: String(args.speed),
    CALL_ENGINE: 'on',
    WEB_DIST_PATH: '/nonexistent-web-dist',
  };
  const apps = [];
  try {
    // One at a time, so the first applies the migrations alone.
    for (let i = 0; i < instanceCount; i++) apps.push(await startApi(env, args['base-port'] + i));
    const db = await createConnection({ ...DB, database, timezone: 'Z', multipleStatements: false });
    try {
      return await run(db, apps, label);
    } finally {
      await db.end();
    }
  } finally {
    for (const app of apps) await app.stop();
    if (!args['keep-database']) {
      const admin = await createConnection(DB);
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.end();
    }
  }
}

async function run(db, apps, label) {
  const users = await seedUsers(db, args.users);
  const mysqld = mariadbPid();
  const cpuBefore = apps.map((app) => cpuSeconds(app.pid));
  const dbCpuBefore = mysqld ? cpuSeconds(mysqld) : null;
  const startedAt = Date.now();

  // Calls arrive in chunks every 100 ms over arrival-seconds.
  const chunks = Math.max(1, Math.round(args['arrival-seconds'] * 10));
  let placed = 0;
  let insertMs = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    const due = startedAt + chunk * 100;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const count = Math.round(((chunk + 1) * args.calls) / chunks) - placed;
    const t0 = Date.now();
    await insertCalls(db, users, count);
    insertMs = Math.max(insertMs, Date.now() - t0);
    placed += count;
  }
  const arrivalDone = Date.now();
  process.stdout.write(`placed ${placed} calls in ${((arrivalDone - startedAt) / 1000).toFixed(1)} s `);
  process.stdout.write(`(slowest chunk insert ${insertMs} ms); waiting for every call to end`);

  for (;;) {
    const [[row]] = await db.query('SELECT COUNT(*) AS open FROM calls WHERE next_status IS NOT NULL');
    if (Number(row.open) === 0) break;
    await sleep(500);
    process.stdout.write('.');
  }
  const finishedAt = Date.now();
  const cpu = apps.map((app, i) => cpuSeconds(app.pid) - cpuBefore[i]);
  const dbCpu = mysqld && dbCpuBefore !== null ? cpuSeconds(mysqld) - dbCpuBefore : null;
  console.log(' done');

  const [lateness] = await db.query(
    `SELECT TIMESTAMPDIFF(MICROSECOND, occurred_at, recorded_at) / 1000 AS ms FROM call_events
      WHERE source = 'engine' ORDER BY ms`,
  );
  const ms = lateness.map((r) => Number(r.ms));
  const [[span]] = await db.query(
    `SELECT MIN(recorded_at) AS first, MAX(recorded_at) AS last, COUNT(*) AS n FROM call_events WHERE source = 'engine'`,
  );
  const [[peak]] = await db.query(
    `SELECT DATE_FORMAT(recorded_at, '%H:%i:%s') AS second, COUNT(*) AS n FROM call_events WHERE source = 'engine'
      GROUP BY second ORDER BY n DESC LIMIT 1`,
  );
  const [[dup]] = await db.query(
    `SELECT COUNT(*) AS pairs FROM (SELECT call_id, status FROM call_events GROUP BY call_id, status HAVING COUNT(*) > 1) d`,
  );
  const [[final]] = await db.query(
    `SELECT COUNT(*) AS calls, SUM(status = 'completed') AS completed, SUM(status IN ('failed', 'busy', 'no_answer')) AS failed
       FROM calls`,
  );
  const [[totals]] = await db.query(
    `SELECT (SELECT SUM(total_calls) FROM user_analytics) AS analytics_calls,
            (SELECT CAST(SUM(total_cost) AS CHAR) FROM user_analytics) AS analytics_cost,
            (SELECT CAST(SUM(cost) AS CHAR) FROM calls) AS calls_cost`,
  );
  const seconds = (new Date(span.last) - new Date(span.first)) / 1000;
  const result = {
    scenario: label,
    calls: Number(final.calls),
    transitions: Number(span.n),
    'p50 ms': round(quantile(ms, 0.5)),
    'p90 ms': round(quantile(ms, 0.9)),
    'p99 ms': round(quantile(ms, 0.99)),
    'max ms': round(ms.at(-1) ?? 0),
    'late >1s': ms.filter((v) => v > 1000).length,
    'avg/s': Math.round(Number(span.n) / seconds),
    'peak/s': Number(peak.n),
    duplicates: Number(dup.pairs),
    'API CPU s': cpu.map((c) => c.toFixed(1)).join(' + '),
    'DB CPU s': dbCpu === null ? 'n/a' : dbCpu.toFixed(1),
    'wall s': ((finishedAt - startedAt) / 1000).toFixed(1),
  };
  console.log(result);
  if (Number(totals.analytics_calls) !== Number(final.calls) || totals.analytics_cost !== totals.calls_cost) {
    console.log(`!! user_analytics do not add up: ${JSON.stringify(totals)}`);
  }
  return result;
}

async function seedUsers(db, count) {
  const hash = '$2b$04$abcdefghijklmnopqrstuuN2M9Kf7yB1k4Z3x8YbG3kQW0pZ8Q1ue'; // never used to sign in
  const rows = Array.from({ length: count }, (_, i) => [
    `Bench ${i}`,
    `bench${i}@example.com`,
    hash,
    'client',
    'active',
  ]);
  await db.query('INSERT INTO users (name, email, password_hash, role, status) VALUES ?', [rows]);
  const [users] = await db.query("SELECT id FROM users WHERE email LIKE 'bench%@example.com' ORDER BY id");
  await db.query('INSERT INTO user_analytics (user_id) VALUES ?', [users.map((u) => [u.id])]);
  const numbers = users.map((u, i) => [`+1909555${String(1000 + i).padStart(4, '0')}`, u.id, 'assigned']);
  await db.query(
    'INSERT INTO phone_numbers (phone_number, owner_id, status, assigned_date) VALUES ' +
      numbers.map(() => '(?, ?, ?, UTC_TIMESTAMP(3))').join(', '),
    numbers.flat(),
  );
  return users.map((u, i) => ({ id: u.id, number: numbers[i][0] }));
}

/** The mock provider's random plan (apps/api/src/app/voip/mock-voip-provider.ts). */
function plan() {
  const roll = randomInt(0, 1_000_000) / 1_000_000;
  const outcome = roll < 0.8 ? 'in_progress' : roll < 0.9 ? 'no_answer' : 'failed';
  return {
    outcome,
    outcomeMs: randomInt(3000, 8001),
    talkSeconds: outcome === 'in_progress' ? randomInt(30, 181) : null,
  };
}

async function insertCalls(db, users, count) {
  if (count <= 0) return;
  const now = new Date();
  const due = new Date(now.getTime() + Math.trunc(RING_MS / args.speed));
  const rows = [];
  for (let i = 0; i < count; i++) {
    const user = users[randomInt(0, users.length)];
    const p = plan();
    rows.push([
      user.id,
      user.number,
      '+19096874971',
      'outbound',
      'initiated',
      0,
      now,
      `MOCK${randomBytes(16).toString('hex')}`,
      'mock',
      0,
      'ringing',
      due,
      p.outcome,
      RING_MS,
      p.outcomeMs,
      p.talkSeconds,
    ]);
  }
  const [result] = await db.query(
    `INSERT INTO calls (user_id, from_number, to_number, direction, status, duration_seconds, start_time, call_sid,
                        provider, cost, next_status, next_transition_at, plan_outcome, plan_ring_ms, plan_outcome_ms,
                        plan_talk_seconds) VALUES ?`,
    [rows],
  );
  const ids = Array.from({ length: count }, (_, i) => result.insertId + i);
  await db.query('INSERT INTO call_events (call_id, status, occurred_at, recorded_at, source) VALUES ?', [
    ids.map((id) => [id, 'initiated', now, now, 'api']),
  ]);
  await db.query('INSERT INTO activity_logs (user_id, action, entity_type, entity_id, details, created_at) VALUES ?', [
    ids.map((id, i) => [
      rows[i][0],
      'call_initiated',
      'call',
      id,
      JSON.stringify({ fromNumber: rows[i][1], toNumber: rows[i][2] }),
      now,
    ]),
  ]);
}

async function startApi(env, port) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', (chunk) => {
    keep(chunk);
    process.stderr.write(`[api:${port}] ${chunk}`);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API on port ${port} exited:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`API on port ${port} did not start:\n${output}`);
    await sleep(200);
  }
  return {
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** utime + stime of a process, in seconds (fields 14 and 15 of /proc/<pid>/stat). */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function mariadbPid() {
  for (const name of ['mariadbd', 'mysqld']) {
    try {
      const pid = readFileSync(`/run/mysqld/${name}.pid`, 'utf8').trim();
      if (pid && existsSync(`/proc/${pid}/stat`)) return Number(pid);
    } catch {
      // try the next name
    }
  }
  return null;
}

function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function round(value) {
  return Math.round(value);
}

function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in defaults)) throw new Error(`Unknown option --${name}`);
    if (typeof defaults[name] === 'boolean') out[name] = true;
    else out[name] = typeof defaults[name] === 'number' ? Number(argv[++i]) : argv[++i];
  }
  return out;
}
