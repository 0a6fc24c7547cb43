// Benchmark of the analytics reads (not a test): how fast are GET /admin/analytics and GET /calls/stats when the
// calls table holds millions of rows?
//
//   npm run bench:analytics                          builds the API, then 1,000,000 calls
//   npm run bench:analytics -- --calls 10000000      (options: --users 1000 --days 90 --requests 200 --keep-database)
//   npm run bench:analytics -- --calls 10000000 --database bench_10m --seed-only    generate once, keep it
//   npm run bench:analytics -- --calls 10000000 --database bench_10m                measure again on it
//
// One fresh database (`bench_<random>`, dropped at the end unless --keep-database or --database) and the production build
// (dist/apps/api/main.js), which applies sql/ at start. Then, by SQL:
//   users      --users active clients (password hash unusable: they never sign in)
//   calls      --calls final calls spread uniformly over the last --days days, generated inside MariaDB from its
//              sequence engine (INSERT ... SELECT FROM seq_1_to_N, in chunks of 1,000,000): the mock plan's
//              outcomes (80 % completed with 30–180 s of talk, 10 % no_answer, 10 % failed), cost per started
//              minute at 0.02; plus 50 calls in flight today (ringing/in_progress), which analytics read from calls
//   rollups    daily_call_stats and daily_call_totals rebuilt with the backfill statements of sql/004 and sql/005
//              (INSERT ... SELECT ... GROUP BY): what migrating a database that already holds these calls does
// A few accounts sign up through the API (their X-Forwarded-For differ; TRUST_PROXY is on) and own calls too;
// some are promoted to admin by SQL. Requests rotate over these accounts, so that the limit of 100 requests per
// minute per user never answers for the API. Each measured route gets 10 unmeasured warm-up requests, then
// --requests sequential requests; latency is the client-side time to the full response body.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';

const args = parseArgs(process.argv.slice(2), {
  calls: 1_000_000,
  users: 1000,
  days: 90,
  requests: 200,
  port: 3390,
  'keep-database': false,
  database: '',
  'seed-only': false,
});
const MAIN = 'dist/apps/api/main.js';
const DB = {
  host: process.env.MARIADB_HOST ?? '127.0.0.1',
  port: Number(process.env.MARIADB_PORT ?? 3306),
  user: process.env.MARIADB_USER ?? 'root',
  password: process.env.MARIADB_PASSWORD ?? '',
};
const ADMINS = 10;
const CLIENTS = 8;
const CHUNK = 1_000_000;
let turn = 0; // round robin over the accounts

if (!existsSync(MAIN)) {
  console.error(`${MAIN} is missing: build the API first (npm run bench:analytics does).`);
  process.exit(1);
}

const database = args.database || `bench_${randomBytes(4).toString('hex')}`;
const keepDatabase = args['keep-database'] || Boolean(args.database);
const base = `http://127.0.0.1:${args.port}/api/v1`;
console.log(
  `=== ${args.calls.toLocaleString('en')} calls, ${args.users} users, ${args.days} days; database ${database} ===`,
);
const api = await startApi({
  ...process.env,
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  MARIADB_DATABASE: database,
  JWT_SECRET: randomBytes(32).toString('base64url'),
  ADMIN_PASSWORD: 'Bench-Admin-Passw0rd',
  TRUST_PROXY: 'true',
  CALL_ENGINE: 'on',
  WEB_DIST_PATH: '/nonexistent-web-dist',
});
const db = await createConnection({ ...DB, database, timezone: 'Z' });
try {
  const accounts = [];
  for (let i = 0; i < ADMINS + CLIENTS; i++) accounts.push(await signUp(i));
  const admins = accounts.slice(0, ADMINS);
  const clients = accounts.slice(ADMINS);
  await db.query("UPDATE users SET status = 'active' WHERE id IN (?)", [accounts.map((a) => a.id)]);
  await db.query("UPDATE users SET role = 'admin' WHERE id IN (?)", [admins.map((a) => a.id)]);

  const seedStart = performance.now();
  const [[existing]] = await db.query('SELECT COUNT(*) AS n FROM calls');
  if (Number(existing.n) >= args.calls) {
    console.log(`reusing ${database}: ${Number(existing.n).toLocaleString('en')} calls already there`);
  } else {
    await seed(clients.map((c) => c.id));
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const [[sizes]] = await db.query(
    `SELECT (SELECT COUNT(*) FROM calls) AS calls,
            (SELECT COUNT(*) FROM monthly_user_totals) AS monthlyUserRows,
            (SELECT COUNT(*) FROM daily_user_totals) AS dailyUserRows,
            (SELECT COUNT(*) FROM hourly_user_totals) AS hourlyUserRows,
            (SELECT ROUND(SUM(data_length + index_length) / 1048576) FROM information_schema.tables
              WHERE table_schema = DATABASE() AND table_name = 'calls') AS callsMb,
            (SELECT ROUND(SUM(data_length + index_length) / 1048576) FROM information_schema.tables
              WHERE table_schema = DATABASE() AND (table_name LIKE 'monthly\\_%' OR table_name LIKE 'daily\\_%' OR table_name LIKE 'hourly\\_%')) AS rollupMb,
            @@innodb_buffer_pool_size / 1048576 AS bufferPoolMb`,
  );
  console.log(`seeded in ${seedSeconds.toFixed(0)} s:`, sizes);
  if (!args['seed-only']) await measureAll(admins, clients, sizes, seedSeconds);
} finally {
  if (!keepDatabase) await db.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await db.end();
  await api.stop();
}

async function measureAll(admins, clients, sizes, seedSeconds) {
  const today = new Date().toISOString().slice(0, 10);
  const daysAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const routes = [
    ['GET /admin/analytics (default: last 30 days)', '/admin/analytics', admins],
    [
      `GET /admin/analytics?from=${daysAgo(89)}&to=${today} (90 days)`,
      `/admin/analytics?from=${daysAgo(89)}&to=${today}`,
      admins,
    ],
    [
      'GET /admin/analytics, 30 days as date-times (partial edge days from calls)',
      `/admin/analytics?from=${daysAgo(30)}T12:00:00.000Z&to=${today}T06:00:00.000Z`,
      admins,
    ],
    ['GET /calls/stats (a client, all time)', '/calls/stats', clients],
    [
      `GET /calls/stats?from=${daysAgo(29)}&to=${today} (a client, 30 days)`,
      `/calls/stats?from=${daysAgo(29)}&to=${today}`,
      clients,
    ],
  ];
  const results = [];
  for (const [name, path, who] of routes) {
    results.push({ route: name, ...(await measure(path, who)) });
    console.log(results.at(-1));
  }

  // The analytics must still be exact after all this: the 90-day totals against a recomputation from calls.
  const check = await get(`/admin/analytics?from=${daysAgo(89)}&to=${today}`, admins[0]);
  const [[raw]] = await db.query('SELECT COUNT(*) AS n FROM calls WHERE start_time >= ? AND start_time < ?', [
    new Date(`${daysAgo(89)}T00:00:00.000Z`),
    new Date(Date.parse(`${today}T00:00:00.000Z`) + 86_400_000),
  ]);
  console.log(`exactness: analytics say ${check.totals.calls} calls in 90 days, calls table says ${raw.n}`);
  const [top] = await db.query(
    `SELECT user_id AS userId, COUNT(*) AS calls FROM calls WHERE start_time >= ? AND start_time < ?
      GROUP BY user_id ORDER BY calls DESC, user_id LIMIT 10`,
    [new Date(`${daysAgo(89)}T00:00:00.000Z`), new Date(Date.parse(`${today}T00:00:00.000Z`) + 86_400_000)],
  );
  const same =
    JSON.stringify(top.map((u) => [u.userId, Number(u.calls)])) ===
    JSON.stringify(check.topUsers.map((u) => [u.userId, u.calls]));
  console.log(`exactness: top users ${same ? 'equal' : 'DIFFER FROM'} a recomputation from calls`);
  if (!same || check.totals.calls !== Number(raw.n)) process.exitCode = 1;

  console.log('\n=== Summary ===');
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
  );
  console.log(
    `data: ${Number(sizes.calls).toLocaleString('en')} calls (${sizes.callsMb} MB), ${sizes.monthlyUserRows} monthly, ${sizes.dailyUserRows} daily and ${sizes.hourlyUserRows} hourly per-user rollup rows (all rollups ${sizes.rollupMb} MB), seeded in ${seedSeconds.toFixed(0)} s; InnoDB buffer pool ${sizes.bufferPoolMb} MB`,
  );
  console.table(results);
}

async function seed(clientIds) {
  await db.query(
    `INSERT INTO users (name, email, password_hash, role, status)
     SELECT CONCAT('Bench user ', seq), CONCAT('bench', seq, '@example.com'), '!', 'client', 'active'
       FROM seq_1_to_${args.users}`,
  );
  const [[range]] = await db.query(
    "SELECT MIN(id) AS lo, MAX(id) AS hi FROM users WHERE email LIKE 'bench%@example.com'",
  );
  const owners = [...clientIds, ...Array.from({ length: range.hi - range.lo + 1 }, (_, i) => range.lo + i)];
  // A temporary map from 0..n-1 to user ids, so generated calls can pick owners by position.
  await db.query('CREATE TEMPORARY TABLE bench_owners (pos INT PRIMARY KEY, user_id INT NOT NULL)');
  await db.query('INSERT INTO bench_owners VALUES ?', [owners.map((id, pos) => [pos, id])]);
  const horizon = args.days * 86_400;
  const now = Math.floor(Date.now() / 1000);
  for (let done = 0; done < args.calls; done += CHUNK) {
    const n = Math.min(CHUNK, args.calls - done);
    const started = performance.now();
    // r: outcome; d: talk seconds; s: seconds before now. Hashes of the row number rather than RAND(): the same
    // value wherever the optimizer evaluates a derived column again (duration, cost and end time agree), a
    // reproducible run, and uniform spreads (RAND(n) with consecutive seeds, and CRC32, cluster each user on a few days; MD5 does not).
    await db.query(
      `INSERT INTO calls (user_id, from_number, to_number, direction, status, duration_seconds, start_time, end_time,
                          cost, provider)
       SELECT o.user_id, '+19095550100', '+12125550123', 'outbound', g.status, g.d,
              TIMESTAMP('1970-01-01') + INTERVAL (? - g.s) SECOND,
              TIMESTAMP('1970-01-01') + INTERVAL (? - g.s + 10 + g.d) SECOND, CEIL(g.d / 60) * 0.02, 'mock'
         FROM (SELECT seq, ELT(1 + (r >= 0.8) + (r >= 0.9), 'completed', 'no_answer', 'failed') AS status,
                      IF(r < 0.8, 30 + FLOOR(CONV(LEFT(MD5(CONCAT('d', seq + ?)), 8), 16, 10) / 4294967296 * 151), 0) AS d,
                      FLOOR(CONV(LEFT(MD5(CONCAT('s', seq + ?)), 8), 16, 10) / 4294967296 * ?) + 60 AS s
                 FROM (SELECT seq, CONV(LEFT(MD5(CONCAT('r', seq + ?)), 8), 16, 10) / 4294967296 AS r FROM seq_1_to_${n}) x) g
         JOIN bench_owners o ON o.pos = g.seq % ?`,
      [now, now, done, done, horizon - 60, done, owners.length],
    );
    console.log(`  calls ${(done + n).toLocaleString('en')} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.query(
    `INSERT INTO calls (user_id, from_number, to_number, status, start_time, provider)
     SELECT o.user_id, '+19095550100', '+12125550123', IF(seq % 2, 'ringing', 'in_progress'),
            UTC_TIMESTAMP(3) - INTERVAL seq SECOND, 'mock'
       FROM seq_1_to_50 s JOIN bench_owners o ON o.pos = s.seq`,
  );
  const started = performance.now();
  const rebuilt = await rebuildRollups();
  console.log(
    `  rollups ${rebuilt.join(', ')} rebuilt by the backfills of sql/ (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  await db.query(`ANALYZE TABLE calls, ${rebuilt.join(', ')}`);
}

/**
 * The backfill of each rollup table that exists: its last `INSERT INTO monthly_…`, `daily_…` or `hourly_…` statement across
 * sql/*.sql (sql/006 rebuilds every rollup from calls), in file order: what migrating a database with these calls does.
 */
async function rollupBackfills() {
  const [tables] = await db.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND (table_name LIKE 'monthly\\_%' OR table_name LIKE 'daily\\_%' OR table_name LIKE 'hourly\\_%')",
  );
  const existing = new Set(tables.map((t) => t.name));
  const latest = new Map();
  for (const file of readdirSync('sql')
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    for (const match of readFileSync(`sql/${file}`, 'utf8').matchAll(
      /^INSERT INTO ((?:monthly|daily|hourly)_\w+)[^;]*;/gm,
    )) {
      if (!existing.has(match[1])) continue;
      latest.delete(match[1]);
      latest.set(match[1], match[0].replace(/;$/, ''));
    }
  }
  return [...latest].map(([table, sql]) => ({ table, sql }));
}

async function rebuildRollups() {
  const statements = await rollupBackfills();
  const tables = [...new Set(statements.map((s) => s.table))];
  for (const table of tables) await db.query(`DELETE FROM ${table}`);
  for (const { sql } of statements) await db.query(sql);
  return tables;
}

async function signUp(i) {
  const res = await fetch(`${base}/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.77.${i}.1` },
    body: JSON.stringify({ name: `Bench ${i}`, email: `bench-account-${i}@example.com`, password: 'Lantern-Osprey-7' }),
  });
  if (res.status === 409) return logIn(i); // a reused database (--database) has the accounts already
  if (res.status !== 201) throw new Error(`sign-up ${i}: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { id: body.user.id, token: body.accessToken };
}

async function logIn(i) {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.77.${i}.1` },
    body: JSON.stringify({ email: `bench-account-${i}@example.com`, password: 'Lantern-Osprey-7' }),
  });
  if (res.status !== 200) throw new Error(`login ${i}: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { id: body.user.id, token: body.accessToken };
}

async function get(path, account) {
  const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${account.token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

async function measure(path, accounts) {
  for (let i = 0; i < 10; i++) await get(path, accounts[turn++ % accounts.length]);
  const times = [];
  for (let i = 0; i < args.requests; i++) {
    const account = accounts[turn++ % accounts.length];
    const started = performance.now();
    await get(path, account);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    'p50 ms': round(quantile(times, 0.5)),
    'p95 ms': round(quantile(times, 0.95)),
    'max ms': round(times.at(-1)),
  };
}

async function startApi(env) {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, PORT: String(args.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', (chunk) => {
    keep(chunk);
    process.stderr.write(`[api] ${chunk}`);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Generous: on a reused database the start applies any new migration first (minutes at 10M calls).
  const started = performance.now();
  const deadline = Date.now() + 3_600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited:\n${output}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`API did not start:\n${output}`);
    await sleep(200);
  }
  console.log(`API up in ${((performance.now() - started) / 1000).toFixed(1)} s (migrations included)`);
  return {
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function round(value) {
  return Math.round(value * 10) / 10;
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
