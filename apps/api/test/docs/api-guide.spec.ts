import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { activeClient } from '../support/accounts';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);
const GUIDE = join(__dirname, '../../../../docs/api.md');

/** The bash blocks of docs/api.md, in order: the guide is executed as written, so it stays true. */
function guideScript(): string {
  const markdown = readFileSync(GUIDE, 'utf8');
  const blocks = [...markdown.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
  return ['set -euo pipefail', ...blocks].join('\n');
}

describe('docs/api.md, run against a real server', () => {
  let t: TestApp;
  let baseUrl: string;
  let workdir: string;

  beforeAll(async () => {
    t = await startTestApp({ VOIP_MOCK_SPEED: '20', CALL_ENGINE_POLL_MS: '50' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `${await t.app.getUrl()}/api/v1`.replace('[::1]', '127.0.0.1');
    workdir = mkdtempSync(join(tmpdir(), 'api-guide-'));
  });
  afterAll(async () => {
    rmSync(workdir, { recursive: true, force: true });
    await t.close();
  });

  it('goes from a fresh key to an exported call history', async () => {
    const client = await activeClient(t);
    await t.sql(
      "INSERT INTO phone_numbers (phone_number, friendly_name, owner_id, status, assigned_date, created_at) VALUES ('+19095550142', 'Main line', ?, 'assigned', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))",
      [client.user.id],
    );
    const { stdout } = await run('bash', ['-c', guideScript()], {
      cwd: workdir,
      env: { ...process.env, HH: baseUrl, HH_EMAIL: client.user.email, HH_PASSWORD: client.password },
      timeout: 60_000,
    });

    expect(stdout).toMatch(/Your key starts with hh_live_/);
    expect(stdout).toContain('+19095550142  Main line');
    expect(stdout).toMatch(/Call \d+ placed/);
    expect(stdout).toContain('status: completed');
    expect(stdout).toMatch(/"durationSeconds": 30/);
    expect(stdout).toMatch(/"cost": 0.02/);

    const csv = readFileSync(join(workdir, 'calls.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('id,startTime,endTime,direction,fromNumber,toNumber,status,durationSeconds,cost,callSid,notes');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(',+19095550142,+15005550004,completed,30,0.0200,');
    expect(csv[1]).toContain('My first API call');

    const [key] = await t.sql<{ usage_count: number }>('SELECT usage_count FROM api_keys WHERE user_id = ?', [
      client.user.id,
    ]);
    expect(key?.usage_count).toBeGreaterThanOrEqual(5);
  });
});
