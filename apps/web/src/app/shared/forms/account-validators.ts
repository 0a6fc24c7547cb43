import type { ValidationErrors, ValidatorFn } from '@angular/forms';
import { passwordRuleViolations } from '@hh/contracts';

/** Required, ignoring surrounding whitespace (the API trims names before checking them). */
export const requiredTrimmed: ValidatorFn = (control) =>
  typeof control.value === 'string' && control.value.trim() === '' ? { required: true } : null;

/** Length bounds measured on the trimmed value, reported with Angular's own minlength/maxlength error shapes. */
export function trimmedLength(min: number, max: number): ValidatorFn {
  return (control) => {
    if (typeof control.value !== 'string' || control.value.trim() === '') {
      return null;
    }
    const actualLength = control.value.trim().length;
    if (actualLength < min) {
      return { minlength: { requiredLength: min, actualLength } };
    }
    if (actualLength > max) {
      return { maxlength: { requiredLength: max, actualLength } };
    }
    return null;
  };
}

const EMAIL_PATTERN = /^[^\s@]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/**
 * An email the API accepts: a dotted domain with a top-level name, as class-validator's IsEmail requires
 * (Angular's Validators.email lets `jane@localhost` through, which the server would then refuse).
 */
export const emailAddress: ValidatorFn = (control) => {
  const value = typeof control.value === 'string' ? control.value.trim() : '';
  return value === '' || EMAIL_PATTERN.test(value) ? null : { email: true };
};

/** The shared structural password rules (length, uppercase, digit), listing every rule the value breaks. */
export const passwordRules: ValidatorFn = (control): ValidationErrors | null => {
  const value = typeof control.value === 'string' ? control.value : '';
  if (value === '') {
    return null;
  }
  const violations = passwordRuleViolations(value);
  return violations.length ? { passwordRules: violations } : null;
};

/** Group validator: the `confirm` control must repeat the `original` one; the error is set on `confirm`, where it shows. */
export function matchingFields(original: string, confirm: string): ValidatorFn {
  return (group) => {
    const originalControl = group.get(original);
    const confirmControl = group.get(confirm);
    if (!originalControl || !confirmControl) {
      return null;
    }
    const mismatch = !!confirmControl.value && originalControl.value !== confirmControl.value;
    const { mismatch: _previous, ...otherErrors } = confirmControl.errors ?? {};
    if (mismatch) {
      confirmControl.setErrors({ ...otherErrors, mismatch: true });
    } else if (_previous) {
      confirmControl.setErrors(Object.keys(otherErrors).length ? otherErrors : null);
    }
    return null;
  };
}
