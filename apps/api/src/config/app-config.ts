import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { PASSWORD_RULE_MESSAGES, TELEPHONY_PROVIDERS, TelephonyProvider } from '@hh/contracts';
import { passwordPolicyViolations } from '../app/auth/password-policy';

/**
 * The one place that reads process.env. Every variable is parsed and checked at boot; all the
 * problems are reported together, each naming its variable, and the server refuses to start.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  db: {
    host: string;
    port: number;
    user: string;
    password: string;
    database: string;
  };
  /** The connection pool: a request waits at most acquireTimeoutMs for a free connection, then gets a 503. */
  dbPool: { size: number; acquireTimeoutMs: number };
  /** Live-update streams (GET /events): the credential is re-checked every heartbeat; streams end after maxLifetimeMs. */
  events: { heartbeatMs: number; maxLifetimeMs: number };
  jwt: {
    secret: string;
    /** True when no JWT_SECRET was given and one was generated for this process. */
    generated: boolean;
    issuer: string;
    audience: string;
    accessTtlSeconds: number;
  };
  session: {
    refreshTtlSeconds: number;
    maxLifetimeSeconds: number;
  };
  bcryptRounds: number;
  /**
   * bcrypt operations run at once in this process (they share libuv's thread pool with file and DNS work);
   * up to bcryptQueueLimit more wait their turn, and beyond that a request gets a 503 with Retry-After.
   */
  bcryptConcurrency: number;
  bcryptQueueLimit: number;
  admin: { email: string; password: string | undefined };
  /**
   * Fastify's trustProxy: false, or the addresses/CIDRs of the proxies in front of the portal. `true` and hop
   * counts are refused: with them a client could name its own address in X-Forwarded-For.
   */
  trustProxy: false | string[];
  corsOrigins: string[];
  voip: {
    provider: TelephonyProvider;
    mockSpeed: number;
    mockRatePerMinute: number;
    /** Real calls through Kamailio (VOIP_PROVIDER=sip, docs/telephony.md); null with the mock. */
    sip: SipConfig | null;
  };
  /** The durable call engine's worker loop in this instance. */
  engine: {
    enabled: boolean;
    pollMs: number;
    batchSize: number;
  };
  /** The durable jobs worker in this instance (docs/decisions/010-durable-jobs.md). */
  jobs: {
    enabled: boolean;
    pollMs: number;
    /** Jobs this instance runs at once. */
    concurrency: number;
  };
  recordings: {
    /** RECORDINGS_DIR: where the local-disk storage keeps the audio (absolute; default ./data/recordings). */
    dir: string;
    /** RECORDING_RETENTION_DAYS: a recording expires (audio deleted) this long after it was made. */
    retentionDays: number;
    /** S3-compatible storage instead of the local disk (S3_BUCKET set); null otherwise. */
    s3: S3Config | null;
  };
  /** Outgoing mail (apps/api/src/app/mail): SMTP_URL, MAIL_FROM, APP_BASE_URL. */
  mail: {
    /** smtp:// or smtps:// with credentials if any; undefined: messages are held in the outbox for admins. */
    smtpUrl: string | undefined;
    from: string;
    /** The origin of the links in messages (never the request's Host header). */
    appBaseUrl: string;
    /** True when APP_BASE_URL was not set and http://localhost:PORT is used. */
    appBaseUrlDefaulted: boolean;
  };
  /** Two-factor and the secrets the portal must read back (TOTP seeds): docs in the README, "Two-factor and sessions". */
  security: {
    /** DATA_ENCRYPTION_KEY (+ _ID): the AES-256-GCM key new values are encrypted with, and its id. */
    dataKey: { id: string; key: Buffer };
    /** DATA_ENCRYPTION_OLD_KEYS: former keys by id, still accepted to decrypt values written under them. */
    oldDataKeys: Record<string, Buffer>;
    /** True when no DATA_ENCRYPTION_KEY was given and the fixed development key is used (never in production). */
    dataKeyDefaulted: boolean;
    /** REQUIRE_ADMIN_MFA: admins without two-factor may only reach their account and security routes (403 elsewhere). */
    requireAdminMfa: boolean;
  };
  redisUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder of the built web app (dist/apps/web/browser); served when it exists. */
  webDistPath: string | undefined;
}

/** VOIP_PROVIDER=sip: how the API meets Kamailio, and the toll-fraud guards of the calls it places. */
export interface SipConfig {
  /** SIP_DOMAIN: users are sip:u<id>@domain. */
  domain: string;
  /** SIP_WS_URI: Kamailio's WebSocket, handed to the softphone. */
  wsUri: string;
  /** SIP_AUTH_SECRET: the auth_ephemeral secret the credentials are signed with (shared with Kamailio). */
  authSecret: string;
  /** SIP_INTERNAL_SECRET: what Kamailio sends as X-HH-Sip-Secret to /internal/sip/authorize. */
  internalSecret: string;
  /** SIP_SERVER_ADDRESSES: the socket addresses the internal endpoint answers (never X-Forwarded-For). */
  serverAddresses: string[];
  credentialTtlSeconds: number;
  /** SIP_ICE_SERVERS: stun:/turn: URLs for the browser's RTCPeerConnection. */
  iceServers: string[];
  /** SIP_RPC_URL: Kamailio's JSON-RPC over HTTP (jsonrpcs). */
  rpcUrl: string;
  maxConcurrentCalls: number;
  /** SIP_ALLOWED_COUNTRIES: ISO 3166 codes a call may go to, upper case. */
  allowedCountries: string[];
  /** SIP_DAILY_SPEND_CAP: a user's calls started today (UTC) may cost this much; then calls are refused. */
  dailySpendCap: number;
  /** SIP_RATE_PER_MINUTE: the trunk's price per started minute, locked into each call when it is placed. */
  ratePerMinute: number;
  /** RTPENGINE_RECORDING_DIR: rtpengine's recording-dir, where recorded calls' captures appear (absolute). */
  recordingSpoolDir: string;
}

/** S3-compatible object storage for the recordings (AWS, MinIO, R2…). */
export interface S3Config {
  /** S3_ENDPOINT: the service's URL for a non-AWS store (path-style addressing then); undefined for AWS. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  /** Both or neither: without them the SDK's default credential chain is used. */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
}

/** Kamailio's auth_ephemeral secret and the internal endpoint's secret are at least this long. */
const SIP_SECRET_MIN_LENGTH = 32;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Below 10 rounds a stolen hash is cheap to crack; smaller costs are for tests and development only. */
const PRODUCTION_MIN_BCRYPT_ROUNDS = 10;

/** Reads and validates the configuration; throws ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  };
  const decimal = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const nodeEnvRaw = read('NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = (
    ['development', 'production', 'test'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development'
  ) as AppConfig['nodeEnv'];

  const database = read('MARIADB_DATABASE') ?? 'hardhat_voip';
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    problems.push(`MARIADB_DATABASE must be 1-64 letters, digits or underscores (got "${database}")`);
  }

  // Empty means unset, as for every variable (docker compose passes an unset optional variable as an empty string).
  const jwtSecretRaw = env['JWT_SECRET'] === '' ? undefined : env['JWT_SECRET'];
  let jwtSecret = jwtSecretRaw ?? '';
  const generated = !jwtSecretRaw;
  if (jwtSecretRaw !== undefined && !isStrongSecret(jwtSecretRaw)) {
    problems.push('JWT_SECRET must be at least 32 characters with at least 10 different characters');
  } else if (generated) {
    if (nodeEnv === 'production') {
      problems.push('JWT_SECRET is required when NODE_ENV=production (at least 32 random characters)');
    }
    jwtSecret = randomBytes(48).toString('base64url');
  }

  const adminEmail = (read('ADMIN_EMAIL') ?? 'admin@hardhathosting.work').toLowerCase();
  if (!EMAIL_PATTERN.test(adminEmail) || adminEmail.length > 255) {
    problems.push(`ADMIN_EMAIL must be an email address (got "${adminEmail}")`);
  }
  const adminPassword = env['ADMIN_PASSWORD'] === '' ? undefined : env['ADMIN_PASSWORD'];
  if (adminPassword !== undefined) {
    // The same rules as sign-up, the common-password list included.
    const broken = passwordPolicyViolations(adminPassword);
    if (broken.length > 0) {
      problems.push(`ADMIN_PASSWORD ${broken.map((rule) => PASSWORD_RULE_MESSAGES[rule]).join(', ')}`);
    }
  }

  const trustProxy = parseTrustProxy(read('TRUST_PROXY'), problems);

  const corsOrigins = (read('CORS_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!isOrigin(origin))
      problems.push(
        `CORS_ORIGINS must be a comma-separated list of origins like https://app.example.com (got "${origin}")`,
      );
  }

  const providerRaw = read('VOIP_PROVIDER') ?? 'mock';
  const provider = (TELEPHONY_PROVIDERS as readonly string[]).includes(providerRaw)
    ? (providerRaw as TelephonyProvider)
    : 'mock';
  if (provider !== providerRaw) {
    problems.push(`VOIP_PROVIDER must be ${TELEPHONY_PROVIDERS.join(' or ')} (got "${providerRaw}")`);
  }
  // Read and checked whatever the provider, so a mistake shows before anyone switches to sip.
  const sip = parseSip(env, read, integer, decimal, problems, providerRaw === 'sip');

  const engineSwitch = (read('CALL_ENGINE') ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(engineSwitch)) problems.push(`CALL_ENGINE must be on or off (got "${engineSwitch}")`);

  const jobsSwitch = (read('JOBS') ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(jobsSwitch)) problems.push(`JOBS must be on or off (got "${jobsSwitch}")`);

  const recordingsDir = resolve(read('RECORDINGS_DIR') ?? './data/recordings');
  const s3 = parseS3(env, read, problems);

  const smtpUrl = read('SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^\s/]+/.test(smtpUrl)) {
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587');
  }
  const mailFrom = read('MAIL_FROM') ?? 'Hardhat Hosting <no-reply@hardhathosting.work>';
  if (!/[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/.test(mailFrom) || /[\r\n]/.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an address like "Hardhat Hosting <no-reply@example.com>" (got "${mailFrom}")`);
  }
  const appBaseUrlRaw = read('APP_BASE_URL');
  if (appBaseUrlRaw !== undefined && !isOrigin(appBaseUrlRaw)) {
    problems.push(`APP_BASE_URL must be an origin like https://voip.example.com (got "${appBaseUrlRaw}")`);
  }

  const security = parseSecurity(env, read, problems, nodeEnv);

  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/.+/.test(redisUrl)) {
    problems.push(`REDIS_URL must be a redis:// or rediss:// URL (got "${redisUrl}")`);
  }

  const logLevel = (read('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info')) as AppConfig['logLevel'];
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const bcryptRounds = integer('BCRYPT_ROUNDS', 12, 4, 15);
  if (nodeEnv === 'production' && bcryptRounds < PRODUCTION_MIN_BCRYPT_ROUNDS) {
    problems.push(
      `BCRYPT_ROUNDS must be at least ${PRODUCTION_MIN_BCRYPT_ROUNDS} when NODE_ENV=production (got ${bcryptRounds}): ` +
        'fewer rounds make stolen password hashes cheap to crack',
    );
  }

  const config: AppConfig = {
    nodeEnv,
    port: integer('PORT', 3000, 0, 65535),
    host: read('HOST') ?? '0.0.0.0',
    db: {
      host: read('MARIADB_HOST') ?? '127.0.0.1',
      port: integer('MARIADB_PORT', 3306, 1, 65535),
      user: read('MARIADB_USER') ?? 'root',
      password: env['MARIADB_PASSWORD'] ?? '',
      database,
    },
    dbPool: {
      size: integer('MARIADB_POOL_SIZE', 10, 1, 1000),
      acquireTimeoutMs: integer('MARIADB_ACQUIRE_TIMEOUT_MS', 5000, 100, 600_000),
    },
    events: {
      heartbeatMs: integer('EVENTS_HEARTBEAT_MS', 15_000, 100, 15_000),
      maxLifetimeMs: integer('EVENTS_MAX_LIFETIME_MS', 3_600_000, 1000, 86_400_000),
    },
    jwt: {
      secret: jwtSecret,
      generated,
      issuer: 'hardhat-voip',
      audience: 'hardhat-voip-api',
      accessTtlSeconds: 3600,
    },
    session: {
      refreshTtlSeconds: 7 * 24 * 3600,
      maxLifetimeSeconds: 30 * 24 * 3600,
    },
    bcryptRounds,
    bcryptConcurrency: integer('BCRYPT_CONCURRENCY', 2, 1, 64),
    bcryptQueueLimit: integer('BCRYPT_QUEUE_LIMIT', 100, 0, 10_000),
    admin: { email: adminEmail, password: adminPassword },
    trustProxy,
    corsOrigins,
    voip: {
      provider,
      mockSpeed: decimal('VOIP_MOCK_SPEED', 1, 0.01, 10_000),
      mockRatePerMinute: decimal('VOIP_MOCK_RATE_PER_MINUTE', 0.02, 0, 100),
      sip: provider === 'sip' ? sip : null,
    },
    engine: {
      enabled: engineSwitch !== 'off',
      pollMs: integer('CALL_ENGINE_POLL_MS', 100, 10, 10_000),
      batchSize: integer('CALL_ENGINE_BATCH', 500, 1, 5000),
    },
    jobs: {
      enabled: jobsSwitch !== 'off',
      pollMs: integer('JOBS_POLL_MS', 500, 10, 60_000),
      concurrency: integer('JOBS_CONCURRENCY', 4, 1, 100),
    },
    recordings: {
      dir: recordingsDir,
      retentionDays: integer('RECORDING_RETENTION_DAYS', 90, 1, 36_500),
      s3,
    },
    mail: {
      smtpUrl,
      from: mailFrom,
      appBaseUrl: (appBaseUrlRaw ?? '').replace(/\/$/, ''),
      appBaseUrlDefaulted: appBaseUrlRaw === undefined,
    },
    security,
    redisUrl,
    logLevel: (LOG_LEVELS as readonly string[]).includes(logLevel) ? logLevel : 'info',
    webDistPath: read('WEB_DIST_PATH'),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  if (config.mail.appBaseUrlDefaulted) config.mail.appBaseUrl = `http://localhost:${config.port}`;
  return config;
}

/**
 * A fixed key for development and tests only (documented as such): values encrypted with it are not secret. With
 * NODE_ENV=production DATA_ENCRYPTION_KEY is required.
 */
const DEVELOPMENT_DATA_KEY = createHash('sha256').update('hardhat-voip development data key (not secret)').digest();

/** DATA_ENCRYPTION_KEY: 32 bytes as 64 hex digits or base64; a key id of 1-16 letters, digits, - or _. */
function parseSecurity(
  env: Env,
  read: (name: string) => string | undefined,
  problems: string[],
  nodeEnv: AppConfig['nodeEnv'],
): AppConfig['security'] {
  const decodeKey = (name: string, raw: string): Buffer | null => {
    const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    if (key.length !== 32 || !/^[A-Za-z0-9+/_=-]+$/.test(raw)) {
      problems.push(`${name} must be 32 random bytes as 64 hex digits or base64 (e.g. openssl rand -base64 32)`);
      return null;
    }
    return key;
  };
  const idPattern = /^[A-Za-z0-9_-]{1,16}$/;
  const id = read('DATA_ENCRYPTION_KEY_ID') ?? '1';
  if (!idPattern.test(id)) problems.push(`DATA_ENCRYPTION_KEY_ID must be 1-16 letters, digits, - or _ (got "${id}")`);
  const raw = env['DATA_ENCRYPTION_KEY'] === '' ? undefined : env['DATA_ENCRYPTION_KEY'];
  let key: Buffer | null = null;
  if (raw !== undefined) key = decodeKey('DATA_ENCRYPTION_KEY', raw.trim());
  else if (nodeEnv === 'production') {
    problems.push('DATA_ENCRYPTION_KEY is required when NODE_ENV=production (openssl rand -base64 32)');
  }
  const oldDataKeys: Record<string, Buffer> = {};
  for (const entry of (read('DATA_ENCRYPTION_OLD_KEYS') ?? '').split(',').filter((part) => part.trim() !== '')) {
    const separator = entry.indexOf(':');
    const oldId = entry.slice(0, Math.max(separator, 0)).trim();
    const oldRaw = separator < 0 ? '' : entry.slice(separator + 1).trim();
    if (!oldId || !idPattern.test(oldId) || !oldRaw) {
      problems.push('DATA_ENCRYPTION_OLD_KEYS must be a comma-separated list of <key id>:<key>');
      continue;
    }
    const oldKey = decodeKey(`DATA_ENCRYPTION_OLD_KEYS (key ${oldId})`, oldRaw);
    if (oldKey) oldDataKeys[oldId] = oldKey;
  }
  const requireRaw = (read('REQUIRE_ADMIN_MFA') ?? 'false').toLowerCase();
  if (!['true', 'false'].includes(requireRaw)) {
    problems.push(`REQUIRE_ADMIN_MFA must be true or false (got "${requireRaw}")`);
  }
  return {
    dataKey: { id, key: key ?? DEVELOPMENT_DATA_KEY },
    oldDataKeys,
    dataKeyDefaulted: raw === undefined,
    requireAdminMfa: requireRaw === 'true',
  };
}

function isStrongSecret(secret: string): boolean {
  return secret.length >= 32 && new Set(secret).size >= 10;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

function parseTrustProxy(raw: string | undefined, problems: string[]): AppConfig['trustProxy'] {
  if (raw === undefined || ['false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  const safeForms =
    'name the proxies in front of the portal instead: their addresses or CIDRs, comma-separated ' +
    '(e.g. TRUST_PROXY=10.0.0.5 or TRUST_PROXY=10.0.0.0/8,fd00::/8), or loopback, linklocal, uniquelocal';
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) {
    problems.push(
      `TRUST_PROXY=${raw} would trust every X-Forwarded-For address, so any client could choose its own IP ` +
        `(unlimited sign-in attempts, forged audit addresses); ${safeForms}`,
    );
    return false;
  }
  if (/^\d+$/.test(raw)) {
    problems.push(
      `TRUST_PROXY=${raw}: a hop count cannot tell a proxy from a client that sends its own X-Forwarded-For; ${safeForms}`,
    );
    return false;
  }
  const addresses = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const bad = addresses.filter(
    (address) => !isIP(address.split('/')[0] ?? '') && !['loopback', 'linklocal', 'uniquelocal'].includes(address),
  );
  if (bad.length > 0 || addresses.length === 0) {
    problems.push(`TRUST_PROXY must be false or a list of proxy addresses/CIDRs (got "${raw}"); ${safeForms}`);
    return false;
  }
  return addresses;
}

/** S3_*: configured when S3_BUCKET is set; any other S3_* without it is a mistake worth stopping for. */
function parseS3(env: Env, read: (name: string) => string | undefined, problems: string[]): S3Config | null {
  const names = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'];
  const bucket = read('S3_BUCKET');
  if (bucket === undefined) {
    const stray = names.filter((name) => read(name) !== undefined);
    if (stray.length > 0) problems.push(`${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set without S3_BUCKET`);
    return null;
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    problems.push(
      `S3_BUCKET must be a bucket name: 3-63 lower-case letters, digits, dots and hyphens (got "${bucket}")`,
    );
  }
  const endpoint = read('S3_ENDPOINT');
  if (endpoint !== undefined) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(endpoint).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`S3_ENDPOINT must be an http:// or https:// URL (got "${endpoint}")`);
  }
  const region = read('S3_REGION') ?? 'us-east-1';
  if (!/^[a-z0-9-]{1,32}$/.test(region))
    problems.push(`S3_REGION must be a region name like us-east-1 (got "${region}")`);
  // Secrets are taken as given (no trimming); empty means unset.
  const accessKeyId = read('S3_ACCESS_KEY_ID');
  const secretAccessKey = env['S3_SECRET_ACCESS_KEY'] === '' ? undefined : env['S3_SECRET_ACCESS_KEY'];
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither for the default chain');
  }
  return { endpoint, region, bucket, accessKeyId, secretAccessKey };
}

function parseSip(
  env: Env,
  read: (name: string) => string | undefined,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  decimal: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
  required: boolean,
): SipConfig {
  const list = (name: string, fallback: string) =>
    (read(name) ?? fallback)
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  const secret = (name: string): string => {
    // Secrets are taken as given (no trimming), like JWT_SECRET; empty means unset.
    const value = env[name] === '' ? undefined : env[name];
    if (value === undefined) {
      if (required)
        problems.push(
          `${name} is required when VOIP_PROVIDER=sip (at least ${SIP_SECRET_MIN_LENGTH} random characters)`,
        );
      return '';
    }
    if (value.length < SIP_SECRET_MIN_LENGTH)
      problems.push(`${name} must be at least ${SIP_SECRET_MIN_LENGTH} characters`);
    return value;
  };
  const url = (name: string, fallback: string, protocols: string[]): string => {
    const value = read(name) ?? fallback;
    let ok = false;
    try {
      ok = protocols.includes(new URL(value).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL (got "${value}")`);
    return value;
  };

  const domain = read('SIP_DOMAIN') ?? 'localhost';
  if (!/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(domain) && !isIP(domain)) {
    problems.push(`SIP_DOMAIN must be a host name or an IP address (got "${domain}")`);
  }
  const serverAddresses = list('SIP_SERVER_ADDRESSES', '127.0.0.1,::1,::ffff:127.0.0.1');
  const badAddresses = serverAddresses.filter((address) => !isIP(address));
  if (badAddresses.length > 0 || serverAddresses.length === 0) {
    problems.push(
      `SIP_SERVER_ADDRESSES must be a comma-separated list of IP addresses (got "${read('SIP_SERVER_ADDRESSES') ?? ''}")`,
    );
  }
  const iceServers = list('SIP_ICE_SERVERS', '');
  const badIce = iceServers.filter((server) => !/^(stun|stuns|turn|turns):[^\s,]+$/.test(server));
  if (badIce.length > 0) {
    problems.push(
      `SIP_ICE_SERVERS must be comma-separated stun:, stuns:, turn: or turns: URLs (got "${badIce.join(',')}")`,
    );
  }
  const allowedCountries = list('SIP_ALLOWED_COUNTRIES', 'US,CA').map((code) => code.toUpperCase());
  const badCountries = allowedCountries.filter((code) => !/^[A-Z]{2}$/.test(code) || !isSupportedCountry(code));
  if (badCountries.length > 0 || allowedCountries.length === 0) {
    problems.push(
      `SIP_ALLOWED_COUNTRIES must be comma-separated ISO 3166 country codes like US,CA (got "${read('SIP_ALLOWED_COUNTRIES') ?? ''}")`,
    );
  }
  return {
    domain,
    wsUri: url('SIP_WS_URI', 'ws://127.0.0.1:5066', ['ws:', 'wss:']),
    authSecret: secret('SIP_AUTH_SECRET'),
    internalSecret: secret('SIP_INTERNAL_SECRET'),
    serverAddresses,
    credentialTtlSeconds: integer('SIP_CREDENTIAL_TTL_SECONDS', 3600, 60, 86_400),
    iceServers,
    rpcUrl: url('SIP_RPC_URL', 'http://127.0.0.1:5071/RPC', ['http:', 'https:']),
    maxConcurrentCalls: integer('SIP_MAX_CONCURRENT_CALLS', 3, 1, 1000),
    allowedCountries,
    dailySpendCap: decimal('SIP_DAILY_SPEND_CAP', 25, 0, 1_000_000),
    ratePerMinute: decimal('SIP_RATE_PER_MINUTE', 0.02, 0, 100),
    recordingSpoolDir: resolve(read('RTPENGINE_RECORDING_DIR') ?? './telephony/run/recordings'),
  };
}
