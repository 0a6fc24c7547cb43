/**
 * Account validation rules shared by the API's DTOs and the web app's forms, so that both say the same thing.
 * The common-password check needs a large word list and lives in the API only.
 */
export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 255;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 100;

export const PASSWORD_RULE_MESSAGES = {
  minLength: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  maxLength: `must be at most ${PASSWORD_MAX_LENGTH} characters`,
  uppercase: 'must contain an uppercase letter',
  digit: 'must contain a digit',
  common: 'is too common; choose a less guessable password',
} as const;

export type PasswordRule = keyof typeof PASSWORD_RULE_MESSAGES;

/** The structural password rules (length, uppercase, digit) that the password breaks, in a stable order. */
export function passwordRuleViolations(password: string): Exclude<PasswordRule, 'common'>[] {
  const failed: Exclude<PasswordRule, 'common'>[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) failed.push('minLength');
  if (password.length > PASSWORD_MAX_LENGTH) failed.push('maxLength');
  if (!/[A-Z]/.test(password)) failed.push('uppercase');
  if (!/[0-9]/.test(password)) failed.push('digit');
  return failed;
}

/** Emails are compared case-insensitively: this is the one normal form stored and looked up. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
