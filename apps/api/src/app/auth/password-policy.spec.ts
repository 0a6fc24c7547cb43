import { validate } from 'class-validator';
import { IsAcceptablePassword, isCommonPassword, passwordPolicyViolations } from './password-policy';

class Form {
  @IsAcceptablePassword()
  password!: unknown;
}

async function messagesFor(password: unknown): Promise<string[]> {
  const form = Object.assign(new Form(), { password });
  const errors = await validate(form);
  return errors.flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('password policy', () => {
  it('finds common passwords case-insensitively', () => {
    expect(isCommonPassword('Password1')).toBe(true);
    expect(isCommonPassword('Vq7#lantern-Osprey')).toBe(false);
  });

  it('reports the structural rules before the common check', () => {
    expect(passwordPolicyViolations('abc')).toEqual(['minLength', 'uppercase', 'digit']);
    expect(passwordPolicyViolations('Password1')).toEqual(['common']);
    expect(passwordPolicyViolations('Vq7lanternOsprey')).toEqual([]);
  });

  it('names the failed rules in the validation message', async () => {
    expect(await messagesFor('nouppercase1')).toEqual(['must contain an uppercase letter']);
    expect(await messagesFor('Password1')).toEqual(['is too common; choose a less guessable password']);
    expect(await messagesFor(42)).toEqual(['must be a string']);
    expect(await messagesFor('Vq7lanternOsprey')).toEqual([]);
  });
});
