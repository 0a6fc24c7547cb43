import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const STRONG_SECRET = 'k3J9-vQ2x_Lm8RtY5wZ1pN7cB4dF6gH0sA';
/** 32 bytes as base64: a DATA_ENCRYPTION_KEY production accepts. */
const DATA_KEY = Buffer.alloc(32, 7).toString('base64');
/** NODE_ENV=production with the data key it requires (the cases below are about other variables). */
const PRODUCTION = { NODE_ENV: 'production', DATA_ENCRYPTION_KEY: DATA_KEY };

/** The ConfigError loadConfig throws for env (fails the test when it does not throw). */
function configErrorFor(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '0.0.0.0',
      db: { host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'hardhat_voip' },
      jwt: { generated: true, accessTtlSeconds: 3600 },
      bcryptRounds: 12,
      bcryptConcurrency: 2,
      bcryptQueueLimit: 100,
      admin: { email: 'admin@hardhathosting.work', password: undefined },
      trustProxy: false,
      corsOrigins: [],
      voip: { provider: 'mock', mockSpeed: 1, mockRatePerMinute: 0.02 },
      redisUrl: undefined,
      logLevel: 'info',
      webDistPath: undefined,
    });
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('generates a different secret for each process when JWT_SECRET is unset', () => {
    expect(loadConfig({}).jwt.secret).not.toBe(loadConfig({}).jwt.secret);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '8080',
      HOST: '127.0.0.1',
      MARIADB_HOST: 'db.internal',
      MARIADB_PORT: '3307',
      MARIADB_USER: 'voip',
      MARIADB_PASSWORD: ' spaces kept ',
      MARIADB_DATABASE: 'voip_prod',
      JWT_SECRET: STRONG_SECRET,
      ADMIN_EMAIL: 'Ops@Example.com',
      ADMIN_PASSWORD: 'Strong-Admin-Passw0rd',
      TRUST_PROXY: '10.0.0.5, fd00::/8',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:4200',
      VOIP_PROVIDER: 'mock',
      VOIP_MOCK_SPEED: '100',
      VOIP_MOCK_RATE_PER_MINUTE: '0.05',
      REDIS_URL: 'redis://127.0.0.1:6379',
      BCRYPT_ROUNDS: '10',
      BCRYPT_CONCURRENCY: '4',
      BCRYPT_QUEUE_LIMIT: '0',
      LOG_LEVEL: 'debug',
      WEB_DIST_PATH: '/srv/web',
    });
    expect(config).toMatchObject({
      nodeEnv: 'test',
      port: 8080,
      host: '127.0.0.1',
      db: { host: 'db.internal', port: 3307, user: 'voip', password: ' spaces kept ', database: 'voip_prod' },
      jwt: { secret: STRONG_SECRET, generated: false },
      admin: { email: 'ops@example.com', password: 'Strong-Admin-Passw0rd' },
      trustProxy: ['10.0.0.5', 'fd00::/8'],
      corsOrigins: ['https://app.example.com', 'http://localhost:4200'],
      voip: { mockSpeed: 100, mockRatePerMinute: 0.05 },
      redisUrl: 'redis://127.0.0.1:6379',
      bcryptRounds: 10,
      bcryptConcurrency: 4,
      bcryptQueueLimit: 0,
      logLevel: 'debug',
      webDistPath: '/srv/web',
    });
  });

  it('is silent by default under NODE_ENV=test', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({
      PORT: '',
      MARIADB_PORT: '  ',
      ADMIN_PASSWORD: '',
      TRUST_PROXY: '',
      CORS_ORIGINS: '',
      JWT_SECRET: '',
    });
    expect(config).toMatchObject({
      port: 3000,
      db: { port: 3306 },
      admin: { password: undefined },
      trustProxy: false,
      jwt: { generated: true },
    });
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(config.corsOrigins).toEqual([]);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['MARIADB_PORT', '0'],
    ['MARIADB_PORT', '3306.5'],
    ['MARIADB_DATABASE', 'voip; DROP DATABASE x'],
    ['VOIP_MOCK_SPEED', '-1'],
    ['VOIP_MOCK_SPEED', '0'],
    ['VOIP_MOCK_SPEED', 'fast'],
    ['VOIP_MOCK_RATE_PER_MINUTE', 'free'],
    ['TRUST_PROXY', 'nonsense'],
    ['TRUST_PROXY', '10.0.0.1, nonsense'],
    ['CORS_ORIGINS', 'notaurl'],
    ['CORS_ORIGINS', 'https://app.example.com/path'],
    ['CORS_ORIGINS', 'ftp://files.example.com'],
    ['CORS_ORIGINS', '*'],
    ['JWT_SECRET', 'short'],
    ['JWT_SECRET', 'a'.repeat(40)],
    ['ADMIN_PASSWORD', 'weak'],
    ['ADMIN_PASSWORD', 'alllowercase1'],
    ['ADMIN_PASSWORD', 'Password1'],
    ['ADMIN_EMAIL', 'not-an-email'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['VOIP_PROVIDER', 'twilio'],
    ['REDIS_URL', 'http://cache:6379'],
    ['BCRYPT_ROUNDS', '3'],
    ['BCRYPT_ROUNDS', '20'],
  ])('refuses %s=%j, naming the variable', (name, value) => {
    const error = configErrorFor({ [name]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(new RegExp(`^${name}\\b`));
    expect(error.message).toContain(name);
  });

  it('names the password rules ADMIN_PASSWORD breaks, the common-password list included', () => {
    expect(configErrorFor({ ADMIN_PASSWORD: 'weak' }).problems).toEqual([
      'ADMIN_PASSWORD must be at least 8 characters, must contain an uppercase letter, must contain a digit',
    ]);
    expect(configErrorFor({ ADMIN_PASSWORD: 'Welcome1' }).problems).toEqual([
      'ADMIN_PASSWORD is too common; choose a less guessable password',
    ]);
  });

  it('does not repeat a bad secret in the message', () => {
    const error = configErrorFor({ JWT_SECRET: 'my-leaked-secret' });
    expect(error.message).not.toContain('my-leaked-secret');
  });

  it('reports every bad variable at once', () => {
    const error = configErrorFor({
      PORT: 'abc',
      MARIADB_PORT: '0',
      VOIP_MOCK_SPEED: '-1',
      TRUST_PROXY: 'nonsense',
      CORS_ORIGINS: 'notaurl',
      JWT_SECRET: 'short',
      ADMIN_PASSWORD: 'weak',
      LOG_LEVEL: 'loud',
    });
    const named = [
      'PORT',
      'MARIADB_PORT',
      'VOIP_MOCK_SPEED',
      'TRUST_PROXY',
      'CORS_ORIGINS',
      'JWT_SECRET',
      'ADMIN_PASSWORD',
      'LOG_LEVEL',
    ];
    expect(error.problems).toHaveLength(named.length);
    for (const name of named) {
      expect(error.problems.some((problem) => problem.startsWith(`${name} `))).toBe(true);
    }
    expect(error.message.split('\n')).toHaveLength(named.length + 1);
  });

  describe('NODE_ENV=production', () => {
    it('refuses to start without JWT_SECRET', () => {
      const error = configErrorFor({ ...PRODUCTION });
      expect(error.problems).toEqual([expect.stringMatching(/^JWT_SECRET is required when NODE_ENV=production/)]);
    });

    it('refuses an empty or weak JWT_SECRET', () => {
      expect(configErrorFor({ ...PRODUCTION, JWT_SECRET: '' }).problems).toEqual([
        expect.stringMatching(/^JWT_SECRET is required/),
      ]);
      expect(configErrorFor({ ...PRODUCTION, JWT_SECRET: 'short' }).problems).toEqual([
        expect.stringMatching(/^JWT_SECRET must be at least 32 characters/),
      ]);
    });

    it('refuses BCRYPT_ROUNDS below 10, naming the variable and why', () => {
      for (const rounds of ['4', '9']) {
        expect(configErrorFor({ ...PRODUCTION, JWT_SECRET: STRONG_SECRET, BCRYPT_ROUNDS: rounds }).problems).toEqual([
          `BCRYPT_ROUNDS must be at least 10 when NODE_ENV=production (got ${rounds}): fewer rounds make stolen password hashes cheap to crack`,
        ]);
      }
      expect(loadConfig({ ...PRODUCTION, JWT_SECRET: STRONG_SECRET, BCRYPT_ROUNDS: '10' }).bcryptRounds).toBe(10);
      // Tests and development may go as low as bcrypt allows.
      expect(loadConfig({ NODE_ENV: 'test', BCRYPT_ROUNDS: '4' }).bcryptRounds).toBe(4);
    });

    it('starts with a strong JWT_SECRET, which it uses as given', () => {
      const config = loadConfig({ ...PRODUCTION, JWT_SECRET: STRONG_SECRET });
      expect(config.nodeEnv).toBe('production');
      expect(config.jwt).toMatchObject({ secret: STRONG_SECRET, generated: false });
      expect(config.logLevel).toBe('info');
    });

    it('refuses to start without DATA_ENCRYPTION_KEY, and refuses a key that is not 32 bytes', () => {
      expect(configErrorFor({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET }).problems).toEqual([
        expect.stringMatching(/^DATA_ENCRYPTION_KEY is required when NODE_ENV=production/),
      ]);
      expect(
        configErrorFor({ ...PRODUCTION, JWT_SECRET: STRONG_SECRET, DATA_ENCRYPTION_KEY: 'c2hvcnQ=' }).problems,
      ).toEqual([expect.stringMatching(/^DATA_ENCRYPTION_KEY must be 32 random bytes/)]);
    });
  });

  describe('DATA_ENCRYPTION_KEY and REQUIRE_ADMIN_MFA', () => {
    it('uses the fixed development key outside production, and says so', () => {
      const config = loadConfig({});
      expect(config.security).toMatchObject({ dataKeyDefaulted: true, requireAdminMfa: false });
      expect(config.security.dataKey.key).toHaveLength(32);
    });

    it('reads the key as hex or base64 with its id, former keys, and REQUIRE_ADMIN_MFA', () => {
      const hex = 'ab'.repeat(32);
      const config = loadConfig({
        DATA_ENCRYPTION_KEY: hex,
        DATA_ENCRYPTION_KEY_ID: '2026b',
        DATA_ENCRYPTION_OLD_KEYS: `2026a:${DATA_KEY}`,
        REQUIRE_ADMIN_MFA: 'true',
      });
      expect(config.security.dataKey).toEqual({ id: '2026b', key: Buffer.from(hex, 'hex') });
      expect(config.security.oldDataKeys['2026a']).toEqual(Buffer.alloc(32, 7));
      expect(config.security).toMatchObject({ dataKeyDefaulted: false, requireAdminMfa: true });
    });

    it('names each bad value', () => {
      const problems = configErrorFor({
        DATA_ENCRYPTION_KEY_ID: 'has space',
        DATA_ENCRYPTION_OLD_KEYS: 'nokey',
        REQUIRE_ADMIN_MFA: 'yes',
      }).problems;
      expect(problems).toEqual([
        expect.stringMatching(/^DATA_ENCRYPTION_KEY_ID must be/),
        expect.stringMatching(/^DATA_ENCRYPTION_OLD_KEYS must be/),
        expect.stringMatching(/^REQUIRE_ADMIN_MFA must be true or false/),
      ]);
    });
  });

  describe('TRUST_PROXY', () => {
    it.each([
      [undefined, false],
      ['false', false],
      ['FALSE', false],
      ['no', false],
      ['off', false],
      ['10.0.0.1', ['10.0.0.1']],
      ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
      ['::1, fd00::/8', ['::1', 'fd00::/8']],
      ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
    ])('reads %j as %j', (value, expected) => {
      expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
    });

    it.each(['true', 'True', 'yes', 'on', '1', '2'])('refuses %j, naming the safe forms', (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY[\s\S]*addresses or CIDRs/);
    });
  });

  describe('VOIP_PROVIDER=sip', () => {
    const AUTH = 'a'.repeat(16) + 'B'.repeat(16);
    const INTERNAL = 'internal-secret-of-kamailio-0123456789';
    const sip = (env: Record<string, string> = {}) =>
      loadConfig({ VOIP_PROVIDER: 'sip', SIP_AUTH_SECRET: AUTH, SIP_INTERNAL_SECRET: INTERNAL, ...env });

    it('applies the documented defaults', () => {
      expect(sip().voip).toEqual({
        provider: 'sip',
        mockSpeed: 1,
        mockRatePerMinute: 0.02,
        sip: {
          domain: 'localhost',
          wsUri: 'ws://127.0.0.1:5066',
          authSecret: AUTH,
          internalSecret: INTERNAL,
          serverAddresses: ['127.0.0.1', '::1', '::ffff:127.0.0.1'],
          credentialTtlSeconds: 3600,
          iceServers: [],
          rpcUrl: 'http://127.0.0.1:5071/RPC',
          maxConcurrentCalls: 3,
          allowedCountries: ['US', 'CA'],
          dailySpendCap: 25,
          ratePerMinute: 0.02,
          recordingSpoolDir: resolve('telephony/run/recordings'),
        },
      });
    });

    it('reads every variable', () => {
      expect(
        sip({
          SIP_DOMAIN: 'sip.example.com',
          SIP_WS_URI: 'wss://sip.example.com:8443/ws',
          SIP_SERVER_ADDRESSES: '10.0.0.7, fd00::7',
          SIP_CREDENTIAL_TTL_SECONDS: '600',
          SIP_ICE_SERVERS: 'stun:stun.example.com:3478, turns:turn.example.com:5349?transport=tcp',
          SIP_RPC_URL: 'http://10.0.0.7:5071/RPC',
          SIP_MAX_CONCURRENT_CALLS: '5',
          SIP_ALLOWED_COUNTRIES: 'us,ca,gb',
          SIP_DAILY_SPEND_CAP: '10.50',
          SIP_RATE_PER_MINUTE: '0.015',
          RTPENGINE_RECORDING_DIR: '/var/spool/rtpengine',
        }).voip.sip,
      ).toEqual({
        domain: 'sip.example.com',
        wsUri: 'wss://sip.example.com:8443/ws',
        authSecret: AUTH,
        internalSecret: INTERNAL,
        serverAddresses: ['10.0.0.7', 'fd00::7'],
        credentialTtlSeconds: 600,
        iceServers: ['stun:stun.example.com:3478', 'turns:turn.example.com:5349?transport=tcp'],
        rpcUrl: 'http://10.0.0.7:5071/RPC',
        maxConcurrentCalls: 5,
        allowedCountries: ['US', 'CA', 'GB'],
        dailySpendCap: 10.5,
        ratePerMinute: 0.015,
        recordingSpoolDir: '/var/spool/rtpengine',
      });
    });

    it('has no sip settings with the mock', () => {
      expect(loadConfig({}).voip.sip).toBeNull();
      expect(loadConfig({ SIP_AUTH_SECRET: AUTH }).voip).toMatchObject({ provider: 'mock', sip: null });
    });

    it('requires both secrets with sip, without repeating them', () => {
      expect(configErrorFor({ VOIP_PROVIDER: 'sip' }).problems).toEqual([
        expect.stringMatching(/^SIP_AUTH_SECRET is required when VOIP_PROVIDER=sip/),
        expect.stringMatching(/^SIP_INTERNAL_SECRET is required when VOIP_PROVIDER=sip/),
      ]);
      const error = configErrorFor({
        VOIP_PROVIDER: 'sip',
        SIP_AUTH_SECRET: 'leaked-short',
        SIP_INTERNAL_SECRET: INTERNAL,
      });
      expect(error.problems).toEqual(['SIP_AUTH_SECRET must be at least 32 characters']);
      expect(error.message).not.toContain('leaked-short');
    });

    it.each([
      ['SIP_DOMAIN', 'not a domain'],
      ['SIP_WS_URI', 'http://127.0.0.1:5066'],
      ['SIP_WS_URI', 'nonsense'],
      ['SIP_SERVER_ADDRESSES', '127.0.0.1, kamailio.internal'],
      ['SIP_SERVER_ADDRESSES', '10.0.0.0/8'],
      ['SIP_CREDENTIAL_TTL_SECONDS', '59'],
      ['SIP_CREDENTIAL_TTL_SECONDS', '86401'],
      ['SIP_ICE_SERVERS', 'https://turn.example.com'],
      ['SIP_RPC_URL', 'ws://127.0.0.1:5071'],
      ['SIP_MAX_CONCURRENT_CALLS', '0'],
      ['SIP_ALLOWED_COUNTRIES', 'USA'],
      ['SIP_ALLOWED_COUNTRIES', 'US,XX'],
      ['SIP_DAILY_SPEND_CAP', 'lots'],
      ['SIP_RATE_PER_MINUTE', '-0.01'],
    ])('refuses %s=%j, naming the variable (with either provider)', (name, value) => {
      for (const provider of ['sip', 'mock']) {
        const error = configErrorFor({
          VOIP_PROVIDER: provider,
          SIP_AUTH_SECRET: AUTH,
          SIP_INTERNAL_SECRET: INTERNAL,
          [name]: value,
        });
        expect(error.problems).toHaveLength(1);
        expect(error.problems[0]).toMatch(new RegExp(`^${name}\\b`));
      }
    });
  });
  describe('jobs and recordings', () => {
    it('applies the documented defaults', () => {
      const config = loadConfig({});
      expect(config.jobs).toEqual({ enabled: true, pollMs: 500, concurrency: 4 });
      expect(config.recordings).toEqual({
        dir: resolve('./data/recordings'),
        retentionDays: 90,
        s3: null,
      });
    });

    it('reads every variable', () => {
      const config = loadConfig({
        JOBS: 'OFF',
        JOBS_POLL_MS: '50',
        JOBS_CONCURRENCY: '8',
        RECORDINGS_DIR: '/var/lib/recordings',
        RECORDING_RETENTION_DAYS: '30',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_REGION: 'eu-west-1',
        S3_BUCKET: 'recordings',
        S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        S3_SECRET_ACCESS_KEY: ' secret kept ',
      });
      expect(config.jobs).toEqual({ enabled: false, pollMs: 50, concurrency: 8 });
      expect(config.recordings).toEqual({
        dir: '/var/lib/recordings',
        retentionDays: 30,
        s3: {
          endpoint: 'http://127.0.0.1:9000',
          region: 'eu-west-1',
          bucket: 'recordings',
          accessKeyId: 'AKIAEXAMPLE',
          secretAccessKey: ' secret kept ',
        },
      });
    });

    it('uses AWS and the default credential chain when only S3_BUCKET is set', () => {
      expect(loadConfig({ S3_BUCKET: 'recordings' }).recordings.s3).toEqual({
        endpoint: undefined,
        region: 'us-east-1',
        bucket: 'recordings',
        accessKeyId: undefined,
        secretAccessKey: undefined,
      });
    });

    it.each([
      ['JOBS', { JOBS: 'sometimes' }],
      ['JOBS_CONCURRENCY', { JOBS_CONCURRENCY: '0' }],
      ['RECORDING_RETENTION_DAYS', { RECORDING_RETENTION_DAYS: '0' }],
      ['S3_ENDPOINT', { S3_ENDPOINT: 'http://127.0.0.1:9000' }],
      ['S3_BUCKET', { S3_BUCKET: 'Not_A_Bucket' }],
      ['S3_ENDPOINT', { S3_BUCKET: 'recordings', S3_ENDPOINT: 'ftp://store' }],
      ['S3_REGION', { S3_BUCKET: 'recordings', S3_REGION: 'Mars 1' }],
      ['S3_ACCESS_KEY_ID', { S3_BUCKET: 'recordings', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' }],
    ])('refuses a bad %s, naming it', (name, env) => {
      const error = configErrorFor(env);
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(new RegExp(`^${name}\\b`));
    });
  });
});
