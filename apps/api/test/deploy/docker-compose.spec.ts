import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** docker-compose.yml never falls back to a known password: it refuses to start, naming what is missing. */
describe('docker-compose.yml', () => {
  const root = join(__dirname, '../../../..');
  const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
  const envExample = readFileSync(join(root, '.env.example'), 'utf8');
  /** Every `${NAME…}` interpolation: the variable, its operator (`:-`, `:?`, …) and what follows it. */
  const interpolations = [...compose.matchAll(/\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g)].map(([, name, op, rest]) => ({
    name: name as string,
    op: op ?? '',
    rest: rest ?? '',
  }));
  const REQUIRED = ['JWT_SECRET', 'DATA_ENCRYPTION_KEY', 'MARIADB_PASSWORD', 'MARIADB_ROOT_PASSWORD'];

  it('requires every database password, the JWT secret and the data key with a message naming the variable', () => {
    for (const name of REQUIRED) {
      const uses = interpolations.filter((i) => i.name === name);
      expect(uses.length).toBeGreaterThan(0);
      for (const use of uses)
        expect({ name, op: use.op, names: use.rest.includes(name) }).toEqual({ name, op: ':?', names: true });
    }
  });

  it('has no fallback value for any password or secret', () => {
    const secrets = interpolations.filter((i) => /PASSWORD|SECRET/.test(i.name) && i.op.endsWith('-'));
    for (const secret of secrets)
      expect({ name: secret.name, fallback: secret.rest }).toEqual({ name: secret.name, fallback: '' });
  });

  it('lists each required variable in .env.example', () => {
    for (const name of REQUIRED) expect(envExample).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
