import type { AbstractControl } from '@angular/forms';
import { PASSWORD_RULE_MESSAGES, type PasswordRule } from '@hh/contracts';

/**
 * The message shown under a field for its first error, in the same words as the API's validation messages.
 * A server error (set by applyProblemToForm) wins, since it is the most recent and most specific.
 */
export function fieldErrorMessage(control: AbstractControl, label: string): string | null {
  const errors = control.errors;
  if (!errors) {
    return null;
  }
  if (typeof errors['server'] === 'string') {
    return errors['server'];
  }
  if (errors['required']) {
    return `${label} is required.`;
  }
  if (errors['email']) {
    return 'Enter a valid email address.';
  }
  if (errors['minlength']) {
    return `${label} must be at least ${errors['minlength'].requiredLength} characters.`;
  }
  if (errors['maxlength']) {
    return `${label} must be at most ${errors['maxlength'].requiredLength} characters.`;
  }
  if (Array.isArray(errors['passwordRules'])) {
    const rules = errors['passwordRules'] as PasswordRule[];
    return `${label} ${rules.map((rule) => PASSWORD_RULE_MESSAGES[rule]).join(', ')}.`;
  }
  if (errors['mismatch']) {
    return 'Passwords do not match.';
  }
  return `${label} is not valid.`;
}
