import { loadConfig } from '../../config/app-config';
import { PasswordHasher } from './password-hasher.service';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher({ ...loadConfig({}), bcryptRounds: 4 });

  it('verifies the password it hashed and refuses another', async () => {
    const hash = await hasher.hash('Correct7Horse');
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    await expect(hasher.verify('Correct7Horse', hash)).resolves.toBe(true);
    await expect(hasher.verify('Correct7Horsf', hash)).resolves.toBe(false);
  });

  it('tells apart long passwords that share their first 72 bytes', async () => {
    const common = 'A1' + 'x'.repeat(80);
    const hash = await hasher.hash(`${common}-one`);
    await expect(hasher.verify(`${common}-two`, hash)).resolves.toBe(false);
    await expect(hasher.verify(`${common}-one`, hash)).resolves.toBe(true);
  });

  it('answers false for an unknown account', async () => {
    await expect(hasher.verifyAgainstNothing('Whatever1')).resolves.toBe(false);
  });
});
