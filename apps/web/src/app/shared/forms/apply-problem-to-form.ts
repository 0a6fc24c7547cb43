import { HttpErrorResponse } from '@angular/common/http';
import type { AbstractControl } from '@angular/forms';
import type { FieldError } from '@hh/contracts';
import {
  problemDetailsOf,
  sentenceCase,
  SERVER_FAULT_MESSAGE as SERVER_FAULT,
  UNREACHABLE_MESSAGE as UNREACHABLE,
} from '../http/http-error-message';
import { tryAgainIn } from '../http/retry-after';

export { problemDetailsOf };

export type StatusMessage = string | ((error: HttpErrorResponse) => string);

export interface ProblemFormOptions {
  /** Form-level messages that replace the server's for given statuses, e.g. 401 on sign-in or 429. */
  statusMessages?: Partial<Record<number, StatusMessage>>;
}

/** 'currentPassword' → 'Current password'. */
export function humanizeFieldName(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The API words field errors as predicates ("is incorrect", "must be an email address"), like class-validator;
 * under a field they read better with the subject: "Current password is incorrect." A message that is already a
 * sentence (capitalised, or starting with the field's name) is kept as it is.
 */
export function fieldErrorSentence(field: string, message: string): string {
  const trimmed = message.trim();
  const label = humanizeFieldName(field);
  const startsWithSubject = [field.toLowerCase(), label.toLowerCase()].some((subject) =>
    trimmed.toLowerCase().startsWith(`${subject} `),
  );
  const isPredicate = /^[a-z]/.test(trimmed) && !startsWithSubject;
  return sentenceCase(isPredicate && label ? `${label} ${trimmed}` : trimmed);
}

/**
 * Puts an API error where the user will look for it. Each `errors[]` entry whose `field` names a control of
 * the form becomes that control's `server` error (shown under the field, cleared by the next edit); whatever
 * is left becomes the returned form-level message. Returns null when every problem landed on a field.
 */
export function applyProblemToForm(
  error: unknown,
  form: AbstractControl,
  options: ProblemFormOptions = {},
): string | null {
  if (!(error instanceof HttpErrorResponse)) {
    return SERVER_FAULT;
  }
  const override = options.statusMessages?.[error.status];
  if (override !== undefined) {
    return typeof override === 'function' ? override(error) : override;
  }
  if (error.status === 0) {
    return UNREACHABLE;
  }
  if (error.status === 429) {
    return `Too many requests. ${tryAgainIn(error)}`;
  }

  const problem = problemDetailsOf(error);
  const unplaced: FieldError[] = [];
  let placed = 0;
  for (const fieldError of problem?.errors ?? []) {
    const control = fieldError.field ? form.get(fieldError.field) : null;
    if (control) {
      control.setErrors({
        ...(control.errors ?? {}),
        server: fieldErrorSentence(fieldError.field, fieldError.message),
      });
      control.markAsTouched();
      placed++;
    } else {
      unplaced.push(fieldError);
    }
  }
  if (placed > 0 && unplaced.length === 0) {
    return null;
  }

  const summary = problem?.detail ?? problem?.title ?? (error.status >= 500 ? SERVER_FAULT : null);
  const rest = unplaced.map((fieldError) => fieldErrorSentence(fieldError.field ?? '', fieldError.message));
  const message = [summary ? sentenceCase(summary) : null, ...rest].filter((part): part is string => !!part).join(' ');
  return message || (error.status >= 500 ? SERVER_FAULT : 'The request could not be completed. Please try again.');
}
