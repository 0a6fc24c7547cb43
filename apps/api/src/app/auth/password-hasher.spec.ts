import { ProblemException } from '../../common/errors/problem.exception';
import { retryAfterSeconds, toProblem } from '../../common/filters/problem-details';
import { loadConfig } from '../../config/app-config';
import { HASHER_BUSY_RETRY_AFTER_SECONDS, PasswordHasher } from './password-hasher';

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

describe('PasswordHasher under load', () => {
  it('runs at most BCRYPT_CONCURRENCY operations at once; the rest wait their turn and all complete', async () => {
    const hasher = new PasswordHasher({
      ...loadConfig({}),
      bcryptRounds: 4,
      bcryptConcurrency: 2,
      bcryptQueueLimit: 10,
    });
    const hash = await hasher.hash('Correct7Horse');
    let running = 0;
    let most = 0;
    const bcrypt = jest.requireActual<typeof import('bcrypt')>('bcrypt');
    const compare = jest.spyOn(bcrypt, 'compare').mockImplementation(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      return true;
    });
    try {
      const results = await Promise.all(Array.from({ length: 8 }, () => hasher.verify('Correct7Horse', hash)));
      expect(results).toEqual(Array(8).fill(true));
      expect(most).toBe(2);
    } finally {
      compare.mockRestore();
    }
  });

  it('answers 503 with Retry-After once the queue is full, and serves again when it drains', async () => {
    const hasher = new PasswordHasher({
      ...loadConfig({}),
      bcryptRounds: 4,
      bcryptConcurrency: 1,
      bcryptQueueLimit: 2,
    });
    const pending = [hasher.hash('Correct7Horse1'), hasher.hash('Correct7Horse2'), hasher.hash('Correct7Horse3')];
    const refused = await hasher.hash('Correct7Horse4').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).getStatus()).toBe(503);
    expect((refused as ProblemException).problem.retryAfterSeconds).toBe(HASHER_BUSY_RETRY_AFTER_SECONDS);
    expect(toProblem(refused)).toMatchObject({ status: 503, detail: expect.stringMatching(/try again/) });
    expect(retryAfterSeconds(refused)).toBe(HASHER_BUSY_RETRY_AFTER_SECONDS);

    await Promise.all(pending);
    await expect(hasher.hash('Correct7Horse5')).resolves.toMatch(/^\$2[aby]\$04\$/);
  });
});
