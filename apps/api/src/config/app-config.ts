import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { PASSWORD_RULE_MESSAGES } from '@hh/contracts';
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
    provider: 'mock';
    mockSpeed: number;
    mockRatePerMinute: number;
  };
  /** The durable call engine's worker loop in this instance. */
  engine: {
    enabled: boolean;
    pollMs: number;
    batchSize: number;
  };
  redisUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder of the built web app (dist/apps/web/browser); served when it exists. */
  webDistPath: string | undefined;
}

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

  const provider = read('VOIP_PROVIDER') ?? 'mock';
  if (provider !== 'mock') problems.push(`VOIP_PROVIDER must be "mock", the only provider so far (got "${provider}")`);

  const engineSwitch = (read('CALL_ENGINE') ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(engineSwitch)) problems.push(`CALL_ENGINE must be on or off (got "${engineSwitch}")`);

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
      provider: 'mock',
      mockSpeed: decimal('VOIP_MOCK_SPEED', 1, 0.01, 10_000),
      mockRatePerMinute: decimal('VOIP_MOCK_RATE_PER_MINUTE', 0.02, 0, 100),
    },
    engine: {
      enabled: engineSwitch !== 'off',
      pollMs: integer('CALL_ENGINE_POLL_MS', 100, 10, 10_000),
      batchSize: integer('CALL_ENGINE_BATCH', 500, 1, 5000),
    },
    redisUrl,
    logLevel: (LOG_LEVELS as readonly string[]).includes(logLevel) ? logLevel : 'info',
    webDistPath: read('WEB_DIST_PATH'),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
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
