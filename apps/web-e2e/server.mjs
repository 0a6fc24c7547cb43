// Starts the production build (API + web app on one port) on a fresh database for the Playwright specs.
// Playwright's webServer runs this; it drops and recreates the e2e database first so every run starts clean.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const database = process.env.E2E_DATABASE ?? 'hardhat_voip_e2e';
const server = {
  host: process.env.MARIADB_HOST ?? '127.0.0.1',
  port: Number(process.env.MARIADB_PORT ?? 3306),
  user: process.env.MARIADB_USER ?? 'root',
  password: process.env.MARIADB_PASSWORD ?? '',
};

const connection = await createConnection(server);
await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
await connection.end();

const api = spawn(process.execPath, [join(root, 'dist/apps/api/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'development',
    MARIADB_DATABASE: database,
    PORT: process.env.E2E_PORT ?? '3310',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    BCRYPT_ROUNDS: '4',
    // Calls run 5× faster than real time; durations still count simulated seconds.
    VOIP_MOCK_SPEED: process.env.VOIP_MOCK_SPEED ?? '5',
    // Each Playwright test presents its own client address (see src/support/fixtures.ts): the browser connects
    // from 127.0.0.1, the trusted proxy, so its X-Forwarded-For counts.
    TRUST_PROXY: 'loopback',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));
