#!/usr/bin/env node
// The real-calls stack under the project's control (README "Real calls"): renders Kamailio's and rtpengine's
// configuration from the portal's environment, then runs both in the foreground, rtpengine first (Kamailio checks
// it once at start), with their logs in one folder. Commands:
//   start    render, then run both until Ctrl-C or `stop` (exits non-zero when either dies)
//   stop     stop a running `start` (its pid file)
//   render   only write the configuration (e.g. for docker-compose's sip profile)
//   env      print the variables the API needs to talk to this stack (source it: `eval "$(… env)"`)
//   portal   run the built portal (dist/apps/api/main.js) with VOIP_PROVIDER=sip and those variables
//   check    say which packages are missing
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const runDir = resolve(env.TELEPHONY_RUN_DIR ?? join(root, 'run'));
const logDir = join(runDir, 'logs');
const pidFile = join(runDir, 'telephony.pid');
const secretsFile = join(runDir, 'secrets.env');
const MODULES_DIR = env.KAMAILIO_MODULES_DIR ?? '/usr/lib/x86_64-linux-gnu/kamailio/modules';

const PACKAGES = [
  { what: 'Kamailio', path: '/usr/sbin/kamailio', pkg: 'kamailio' },
  { what: "Kamailio's WebSocket module", path: `${MODULES_DIR}/websocket.so`, pkg: 'kamailio-websocket-modules' },
  {
    what: "Kamailio's auth_ephemeral module",
    path: `${MODULES_DIR}/auth_ephemeral.so`,
    pkg: 'kamailio-autheph-modules',
  },
  { what: "Kamailio's http_client module", path: `${MODULES_DIR}/http_client.so`, pkg: 'kamailio-utils-modules' },
  { what: "Kamailio's jansson module", path: `${MODULES_DIR}/jansson.so`, pkg: 'kamailio-json-modules' },
  { what: "Kamailio's MySQL/MariaDB module", path: `${MODULES_DIR}/db_mysql.so`, pkg: 'kamailio-mysql-modules' },
  { what: "Kamailio's TLS module", path: `${MODULES_DIR}/tls.so`, pkg: 'kamailio-tls-modules' },
  { what: 'rtpengine', path: '/usr/bin/rtpengine', pkg: 'rtpengine-daemon' },
];

/** rtpengine's flags per direction (docs/telephony.md, "Media"). */
const COMMON = 'replace-origin replace-session-connection';
const RTP_FLAGS = {
  RTP_TO_RTP: `ICE=remove DTLS=off SDES-off rtcp-mux-demux transport-protocol=RTP/AVP ${COMMON}`,
  RTP_OFFER_TO_WS: `ICE=force SDES-off rtcp-mux-offer generate-mid transport-protocol=UDP/TLS/RTP/SAVPF ${COMMON}`,
  RTP_ANSWER_TO_WS: `ICE=force SDES-off rtcp-mux-accept transport-protocol=UDP/TLS/RTP/SAVPF ${COMMON}`,
  RTP_WS_TO_WS: `ICE=force SDES-off rtcp-mux-require generate-mid transport-protocol=UDP/TLS/RTP/SAVPF ${COMMON}`,
  RTP_PLAIN: `${COMMON}`,
  // Added to a recorded call's offers: rtpengine captures it, in G.711 (the API decodes that, and DTMF stays).
  RTP_RECORD: 'record-call=yes codec-strip=all codec-except=PCMU codec-except=PCMA codec-except=telephone-event',
};

function fail(message) {
  console.error(`telephony: ${message}`);
  process.exit(1);
}

function missingPackages() {
  return PACKAGES.filter((p) => !existsSync(p.path));
}

function check() {
  const missing = missingPackages();
  if (missing.length === 0) return;
  const list = missing.map((p) => `  - ${p.what} (${p.path})`).join('\n');
  const pkgs = [...new Set(missing.map((p) => p.pkg))].join(' ');
  fail(`missing:\n${list}\nInstall them with:\n  apt-get install -y ${pkgs}`);
}

/** Secrets shared by the API and Kamailio: the environment's, or generated once into the run folder (mode 600). */
function secrets() {
  const stored = {};
  if (existsSync(secretsFile)) {
    for (const line of readFileSync(secretsFile, 'utf8').split('\n')) {
      const match = /^(SIP_[A-Z_]+)=(.*)$/.exec(line.trim());
      if (match) stored[match[1]] = match[2];
    }
  }
  const out = {};
  let changed = false;
  for (const name of ['SIP_AUTH_SECRET', 'SIP_INTERNAL_SECRET']) {
    out[name] = env[name] ?? stored[name];
    if (!out[name]) {
      if (env.NODE_ENV === 'production') fail(`${name} is required when NODE_ENV=production (32+ characters)`);
      out[name] = randomBytes(32).toString('hex');
      changed = true;
    }
    if (out[name].length < 32) fail(`${name} must be at least 32 characters`);
  }
  if (changed) {
    mkdirSync(runDir, { recursive: true });
    writeFileSync(
      secretsFile,
      Object.entries(out)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') + '\n',
      { mode: 0o600 },
    );
  }
  return out;
}

function port(name, fallback) {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) fail(`${name} must be a port number (got ${env[name]})`);
  return value;
}

/** host[:port] of a sip: URI. */
function hostPort(uri, name) {
  const match = /^sips?:(?:[^@]+@)?(\[[^\]]+\]|[^;:>]+)(?::(\d+))?/.exec(uri);
  if (!match) fail(`${name} must be a SIP URI like sip:trunk.example.com:5060 (got ${uri})`);
  return { host: match[1], port: match[2] ? Number(match[2]) : undefined };
}

function settings() {
  const s = secrets();
  const listen = env.SIP_LISTEN_ADDRESS ?? '127.0.0.1';
  const trunkUri = env.SIP_TRUNK_URI ?? 'sip:127.0.0.1:5080';
  const trunk = hostPort(trunkUri, 'SIP_TRUNK_URI');
  const inbound = (env.SIP_TRUNK_INBOUND_ADDRESSES ?? `${trunk.host}${trunk.port ? `:${trunk.port}` : ''}`)
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const db = {
    host: env.MARIADB_HOST ?? '127.0.0.1',
    port: port('MARIADB_PORT', 3306),
    user: env.MARIADB_USER ?? 'root',
    password: env.MARIADB_PASSWORD ?? '',
    database: env.MARIADB_DATABASE ?? 'hardhat_voip',
  };
  const auth = db.password
    ? `${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}`
    : encodeURIComponent(db.user);
  return {
    ...s,
    db,
    SIP_DOMAIN: env.SIP_DOMAIN ?? 'localhost',
    LISTEN_ADDRESS: listen,
    ADVERTISE: env.SIP_ADVERTISE_ADDRESS ? ` advertise ${env.SIP_ADVERTISE_ADDRESS}` : '',
    SIP_PORT: port('SIP_PORT', 5060),
    WS_LISTEN_ADDRESS: env.SIP_WS_LISTEN_ADDRESS ?? listen,
    WS_PORT: port('SIP_WS_PORT', 5066),
    RPC_LISTEN_ADDRESS: env.SIP_RPC_LISTEN_ADDRESS ?? '127.0.0.1',
    // JSON-RPC ends calls and lists registrations: only the API's addresses may use it.
    RPC_SOURCE_TEST: (env.SIP_RPC_ALLOWED_ADDRESSES ?? '127.0.0.1')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean)
      .map((a) => `$si != "${a}"`)
      .join(' && '),
    RPC_PORT: port('SIP_RPC_PORT', 5071),
    API_URL: (env.SIP_API_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/$/, ''),
    TRUNK_HOSTPORT: `${trunk.host}${trunk.port ? `:${trunk.port}` : ''}`,
    TRUNK_SOURCE_TEST: inbound
      .map((address) => {
        const [, host, p] = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address) ?? fail(`bad trunk address ${address}`);
        return `\tif ($si == "${host.replace(/[[\]]/g, '')}"${p ? ` && $sp == ${p}` : ''} && $proto == "udp") return 1;`;
      })
      .join('\n'),
    TRUNK_AUTH_FAILURE: env.SIP_TRUNK_USERNAME
      ? '\tif (($var(code) == 401 || $var(code) == 407) && uac_auth()) {\n\t\tt_on_failure("FAILURE");\n\t\tt_relay();\n\t\texit;\n\t}'
      : '',
    WS_ORIGIN_TEST: env.SIP_WS_ALLOWED_ORIGINS
      ? `\t\tif (${env.SIP_WS_ALLOWED_ORIGINS.split(',')
          .map((o) => `$hdr(Origin) != "${o.trim()}"`)
          .join(' && ')}) {\n\t\t\txhttp_reply("403", "Forbidden", "", "");\n\t\t\texit;\n\t\t}`
      : '',
    DB_URL: `mysql://${auth}@${db.host}:${db.port}/${db.database}`,
    RTPENGINE_NG: `127.0.0.1:${port('RTPENGINE_NG_PORT', 22222)}`,
    // The API reads the same folder (RTPENGINE_RECORDING_DIR, same default, relative to the project).
    RECORDING_DIR: resolve(env.RTPENGINE_RECORDING_DIR ?? join(runDir, 'recordings')),
    MODULES_DIR,
    MAX_CALL_SECONDS: 4 * 3600,
    LOG_LEVEL: env.TELEPHONY_LOG_LEVEL ?? '1',
    ...RTP_FLAGS,
  };
}

function render() {
  const values = settings();
  let cfg = readFileSync(join(root, 'kamailio', 'kamailio.cfg'), 'utf8');
  if (env.SIP_TRUNK_USERNAME) {
    const realm = env.SIP_TRUNK_REALM ?? hostPort(env.SIP_TRUNK_URI ?? '', 'SIP_TRUNK_URI').host;
    cfg = cfg.replace(
      'modparam("uac", "restore_mode", "auto")',
      `modparam("uac", "restore_mode", "auto")\nmodparam("uac", "credential", "${env.SIP_TRUNK_USERNAME}:${realm}:${env.SIP_TRUNK_PASSWORD ?? ''}")`,
    );
  }
  cfg = cfg.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name) => {
    if (!(name in values)) fail(`the Kamailio template names an unknown setting ${whole}`);
    return String(values[name]);
  });
  const interfaceAddress = env.RTPENGINE_INTERFACE ?? values.LISTEN_ADDRESS;
  const rtpengine = [
    '[rtpengine]',
    `interface = ${interfaceAddress}`,
    `listen-ng = ${values.RTPENGINE_NG}`,
    `port-min = ${port('RTPENGINE_PORT_MIN', 30000)}`,
    `port-max = ${port('RTPENGINE_PORT_MAX', 30999)}`,
    // Userspace forwarding: no kernel module to load.
    'table = -1',
    'foreground = true',
    'log-stderr = true',
    `log-level = ${env.RTPENGINE_LOG_LEVEL ?? 5}`,
    'timeout = 60',
    'silent-timeout = 3600',
    'delete-delay = 0',
    // Recorded calls (RTP_RECORD): pcaps/ while they last, metadata/ when they end; the API turns them into WAV.
    `recording-dir = ${values.RECORDING_DIR}`,
    'recording-method = pcap',
    '',
  ].join('\n');
  mkdirSync(logDir, { recursive: true });
  // rtpengine (root in the container) writes the captures; the portal reads them and sweeps old ones, so in Docker
  // the folders belong to the portal's user (RTPENGINE_RECORDING_OWNER=uid:gid).
  for (const folder of ['', 'metadata', 'pcaps', 'tmp']) {
    const dir = join(values.RECORDING_DIR, folder);
    mkdirSync(dir, { recursive: true });
    if (env.RTPENGINE_RECORDING_OWNER) {
      const [uid, gid] = env.RTPENGINE_RECORDING_OWNER.split(':').map(Number);
      if (!Number.isInteger(uid))
        fail(`RTPENGINE_RECORDING_OWNER must be uid[:gid] (got ${env.RTPENGINE_RECORDING_OWNER})`);
      chownSync(dir, uid, Number.isInteger(gid) ? gid : uid);
    }
  }
  writeFileSync(join(runDir, 'kamailio.cfg'), cfg, { mode: 0o600 });
  writeFileSync(join(runDir, 'rtpengine.conf'), rtpengine);
  return values;
}

/** rtpengine answers "ping" on its control port once it is ready. */
function rtpengineReady(ng) {
  const [host, p] = ng.split(':');
  return new Promise((resolvePing) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolvePing(false);
    }, 300);
    socket.on('message', (msg) => {
      clearTimeout(timer);
      socket.close();
      resolvePing(msg.toString().includes('pong'));
    });
    socket.send('hh1 d7:command4:pinge', Number(p), host);
  });
}

async function waitFor(test, ms, what) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready within ${ms / 1000} s (logs: ${logDir})`);
}

function launch(name, command, args) {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  if (env.TELEPHONY_LOG_TO_CONSOLE === '1') {
    child.stdout.pipe(process.stdout);
    child.stderr.pipe(process.stderr);
  }
  return child;
}

async function start() {
  check();
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (alive(pid)) fail(`already running (pid ${pid}); stop it with npm run telephony:stop`);
  }
  const values = render();
  try {
    await waitForInbox(values.db);
  } catch (error) {
    fail(error.message);
  }
  writeFileSync(pidFile, String(process.pid));
  const children = [];
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(pidFile, { force: true });
      process.exit(code);
    }, 1500).unref();
    Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() => {
      rmSync(pidFile, { force: true });
      process.exit(code);
    });
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const rtpengine = launch('rtpengine', '/usr/bin/rtpengine', [`--config-file=${join(runDir, 'rtpengine.conf')}`]);
  children.push(rtpengine);
  rtpengine.once('exit', (code) => {
    if (!stopping) console.error(`telephony: rtpengine exited (${code}); see ${logDir}/rtpengine.log`);
    stop(1);
  });
  try {
    await waitFor(() => rtpengineReady(values.RTPENGINE_NG), 10_000, 'rtpengine');
  } catch (error) {
    console.error(`telephony: ${error.message}`);
    return stop(1);
  }

  const configCheck = spawnSync('/usr/sbin/kamailio', ['-c', '-f', join(runDir, 'kamailio.cfg')], { encoding: 'utf8' });
  if (configCheck.status !== 0) {
    writeFileSync(join(logDir, 'kamailio-check.log'), `${configCheck.stdout}\n${configCheck.stderr}`);
    console.error(`telephony: Kamailio refused its configuration; see ${logDir}/kamailio-check.log`);
    return stop(1);
  }
  const kamailio = launch('kamailio', '/usr/sbin/kamailio', [
    '-DD',
    '-E',
    '-Y',
    runDir,
    '-f',
    join(runDir, 'kamailio.cfg'),
  ]);
  children.push(kamailio);
  kamailio.once('exit', (code) => {
    if (!stopping) console.error(`telephony: Kamailio exited (${code}); see ${logDir}/kamailio.log`);
    stop(1);
  });
  try {
    await waitFor(() => rpcReady(values.RPC_PORT), 10_000, 'Kamailio');
  } catch (error) {
    console.error(`telephony: ${error.message}`);
    return stop(1);
  }
  console.log(
    `telephony: ready — SIP over WebSocket at ws://${values.WS_LISTEN_ADDRESS}:${values.WS_PORT}, ` +
      `SIP at ${values.LISTEN_ADDRESS}:${values.SIP_PORT}, trunk ${values.TRUNK_HOSTPORT}; logs in ${logDir}`,
  );
}

/**
 * Kamailio writes call events into the portal's database (table sip_events), which the API creates when it starts
 * with VOIP_PROVIDER=sip; start waits for it rather than letting Kamailio's workers fail to connect.
 */
async function waitForInbox(db) {
  const { createConnection } = await import('mysql2/promise');
  const until = Date.now() + Number(env.TELEPHONY_DB_WAIT_MS ?? 60_000);
  let said = false;
  for (;;) {
    try {
      const connection = await createConnection({ ...db, connectTimeout: 2000 });
      const [rows] = await connection.query(
        'SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
        [db.database, 'sip_events'],
      );
      await connection.end();
      if (rows.length > 0) return;
    } catch {
      // not reachable yet, or the database does not exist yet
    }
    if (Date.now() > until) {
      throw new Error(
        `the portal's database ${db.database} on ${db.host}:${db.port} has no sip_events table: ` +
          'start the portal with VOIP_PROVIDER=sip (npm run start:sip) so it applies its schema, then start this again',
      );
    }
    if (!said) {
      console.log(`telephony: waiting for the portal's database ${db.database} (the API creates it at start)`);
      said = true;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function rpcReady(rpcPort) {
  try {
    const response = await fetch(`http://127.0.0.1:${rpcPort}/RPC`, {
      method: 'POST',
      body: JSON.stringify({ jsonrpc: '2.0', method: 'core.version', id: 1 }),
      signal: AbortSignal.timeout(500),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Whether `pid` runs; a zombie (ended, not yet reaped by a parent that is busy) counts as gone. */
function alive(pid) {
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

async function stopRunning() {
  if (!existsSync(pidFile)) return console.log('telephony: not running');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (!alive(pid)) {
    rmSync(pidFile, { force: true });
    return console.log('telephony: not running');
  }
  process.kill(pid, 'SIGTERM');
  await waitFor(async () => !alive(pid), 5_000, 'the stop');
  console.log('telephony: stopped');
}

function apiEnv() {
  const values = settings();
  return {
    VOIP_PROVIDER: 'sip',
    SIP_AUTH_SECRET: values.SIP_AUTH_SECRET,
    SIP_INTERNAL_SECRET: values.SIP_INTERNAL_SECRET,
    SIP_DOMAIN: values.SIP_DOMAIN,
    SIP_WS_URI: env.SIP_WS_URI ?? `ws://${values.WS_LISTEN_ADDRESS}:${values.WS_PORT}`,
    SIP_RPC_URL: `http://${values.RPC_LISTEN_ADDRESS}:${values.RPC_PORT}/RPC`,
    RTPENGINE_RECORDING_DIR: values.RECORDING_DIR,
  };
}

function printEnv() {
  for (const [k, v] of Object.entries(apiEnv())) console.log(`export ${k}=${v}`);
}

function portal() {
  const main = resolve(root, '..', 'dist', 'apps', 'api', 'main.js');
  if (!existsSync(main)) fail('the portal is not built: run npm run build first');
  const api = spawn(process.execPath, [main], { stdio: 'inherit', env: { ...env, ...apiEnv() } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
  api.on('exit', (code) => process.exit(code ?? 0));
}

const command = process.argv[2];
switch (command) {
  case 'start':
    await start();
    break;
  case 'stop':
    await stopRunning();
    break;
  case 'render':
    check();
    render();
    console.log(`telephony: configuration written to ${runDir}`);
    break;
  case 'env':
    printEnv();
    break;
  case 'portal':
    portal();
    break;
  case 'check':
    check();
    console.log('telephony: every package is installed');
    break;
  default:
    fail('usage: telephony.mjs start | stop | render | env | portal | check');
}
