import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

/** Every route of the API, as third parties read it from the OpenAPI document. */
const CONTRACT: [method: string, path: string, isPublic: boolean][] = [
  ['post', '/api/v1/auth/signup', true],
  ['post', '/api/v1/auth/login', true],
  ['post', '/api/v1/auth/refresh', true],
  ['post', '/api/v1/auth/logout', false],
  ['get', '/api/v1/auth/me', false],
  ['patch', '/api/v1/me', false],
  ['post', '/api/v1/me/password', false],
  ['post', '/api/v1/auth/email/verify', true],
  ['post', '/api/v1/auth/email/verify/resend', false],
  ['post', '/api/v1/auth/password/forgot', true],
  ['post', '/api/v1/auth/password/reset', true],
  ['get', '/api/v1/admin/mail', false],
  ['post', '/api/v1/auth/login/mfa', true],
  ['get', '/api/v1/me/mfa', false],
  ['delete', '/api/v1/me/mfa', false],
  ['post', '/api/v1/me/mfa/totp', false],
  ['post', '/api/v1/me/mfa/totp/confirm', false],
  ['post', '/api/v1/me/mfa/recovery-codes', false],
  ['get', '/api/v1/me/sessions', false],
  ['delete', '/api/v1/me/sessions', false],
  ['delete', '/api/v1/me/sessions/{id}', false],
  ['delete', '/api/v1/admin/users/{id}/mfa', false],
  ['post', '/api/v1/calls', false],
  ['get', '/api/v1/calls', false],
  ['get', '/api/v1/calls/{id}', false],
  ['patch', '/api/v1/calls/{id}', false],
  ['post', '/api/v1/calls/{id}/answer', false],
  ['post', '/api/v1/calls/{id}/decline', false],
  ['get', '/api/v1/calls/stats', false],
  ['get', '/api/v1/calls/export', false],
  ['get', '/api/v1/numbers', false],
  ['patch', '/api/v1/numbers/{id}', false],
  ['get', '/api/v1/number-requests', false],
  ['post', '/api/v1/number-requests', false],
  ['delete', '/api/v1/number-requests/{id}', false],
  ['get', '/api/v1/api-keys', false],
  ['post', '/api/v1/api-keys', false],
  ['delete', '/api/v1/api-keys/{id}', false],
  ['get', '/api/v1/admin/users', false],
  ['get', '/api/v1/admin/users/{id}', false],
  ['patch', '/api/v1/admin/users/{id}', false],
  ['get', '/api/v1/admin/numbers', false],
  ['post', '/api/v1/admin/numbers', false],
  ['post', '/api/v1/admin/numbers/import', false],
  ['patch', '/api/v1/admin/numbers/{id}', false],
  ['delete', '/api/v1/admin/numbers/{id}', false],
  ['get', '/api/v1/admin/number-requests', false],
  ['post', '/api/v1/admin/number-requests/{id}/approve', false],
  ['post', '/api/v1/admin/number-requests/{id}/fulfill', false],
  ['post', '/api/v1/admin/number-requests/{id}/deny', false],
  ['get', '/api/v1/admin/calls', false],
  ['get', '/api/v1/admin/activity', false],
  ['get', '/api/v1/admin/analytics', false],
  ['get', '/api/v1/telephony', false],
  ['post', '/api/v1/sim/inbound-calls', false],
  ['get', '/api/v1/sip/credentials', false],
  ['get', '/api/v1/health', true],
];

interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Operation>> };
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http().get('/api/docs-json').expect(200)).body;
    paths = document.paths;
  });
  afterAll(() => t.close());

  it.each(CONTRACT)('describes %s %s with a summary, its security and its error answers', (method, path, isPublic) => {
    const operation = paths[path]?.[method];
    expect(operation).toBeDefined();
    expect(operation?.summary).toEqual(expect.any(String));
    const success = Object.keys(operation?.responses ?? {}).filter((status) => /^2\d\d$/.test(status));
    expect(success.length).toBeGreaterThan(0);
    if (isPublic) expect(operation?.security).toEqual([]);
    if (path === '/api/v1/health') return;
    if (isPublic) {
      expect(operation?.responses).toHaveProperty('400');
    } else {
      const schemes = (operation?.security ?? []).flatMap((requirement) => Object.keys(requirement));
      expect(schemes).toContain('session');
      expect(operation?.responses).toHaveProperty('401');
      expect(operation?.responses).toHaveProperty('403');
    }
  });

  it('offers API keys wherever a key may be used, and not on the session-only routes', () => {
    const sessionOnly = /^\/api\/v1\/(auth|me|api-keys|sip\/credentials)/;
    for (const [method, path, isPublic] of CONTRACT) {
      if (isPublic) continue;
      const schemes = (paths[path]?.[method]?.security ?? []).flatMap((requirement) => Object.keys(requirement));
      if (sessionOnly.test(path)) expect({ path, schemes }).toEqual({ path, schemes: ['session'] });
      else expect({ path, schemes: schemes.sort() }).toEqual({ path, schemes: ['api-key', 'session'] });
    }
  });

  it("passes Redocly's recommended ruleset without errors", () => {
    // @redocly/openapi-core is ES modules only, so it runs in its own Node process (support/redocly-lint.mjs).
    const lint = spawnSync(process.execPath, [join(__dirname, '../support/redocly-lint.mjs')], {
      input: JSON.stringify(document),
      encoding: 'utf8',
    });
    expect(lint.stderr).toBe('');
    const problems = JSON.parse(lint.stdout) as { severity: string; ruleId: string; message: string; at: string }[];
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('has Swagger UI keep credentials in memory only, never in localStorage', async () => {
    const init = await t.http().get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toMatch(/"persistAuthorization":\s*false/);
  });
});
