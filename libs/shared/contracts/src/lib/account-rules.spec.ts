import { normalizeEmail, passwordRuleViolations } from './account-rules';

describe('passwordRuleViolations', () => {
  it('accepts a password that meets every structural rule', () => {
    expect(passwordRuleViolations('Tr0ubadour')).toEqual([]);
  });

  it('names each rule that fails', () => {
    expect(passwordRuleViolations('short')).toEqual(['minLength', 'uppercase', 'digit']);
    expect(passwordRuleViolations('alllowercase1')).toEqual(['uppercase']);
    expect(passwordRuleViolations('NoDigitsHere')).toEqual(['digit']);
    expect(passwordRuleViolations('A1' + 'x'.repeat(99))).toEqual(['maxLength']);
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
  });
});
