import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import { aProblem } from '../../testing/auth-fixtures';
import { applyProblemToForm, fieldErrorSentence, problemDetailsOf } from './apply-problem-to-form';

function httpError(status: number, body: unknown, headers: Record<string, string> = {}): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, headers: new HttpHeaders(headers), url: '/api/v1/auth/signup' });
}

function signUpForm() {
  return new FormGroup({
    name: new FormControl('Jane'),
    email: new FormControl('jane@example.com'),
    password: new FormControl('Tr0ubadour'),
  });
}

describe('applyProblemToForm', () => {
  it('puts each field error on its control and needs no form-level message', () => {
    const form = signUpForm();
    const message = applyProblemToForm(
      httpError(
        400,
        aProblem(400, 'Validation failed', [
          { field: 'email', message: 'is already registered' },
          { field: 'password', message: 'is too common; choose a less guessable password' },
        ]),
      ),
      form,
    );

    expect(message).toBeNull();
    expect(form.controls.email.errors).toEqual({ server: 'Email is already registered.' });
    expect(form.controls.password.errors).toEqual({
      server: 'Password is too common; choose a less guessable password.',
    });
    expect(form.controls.email.touched).toBe(true);
    expect(form.controls.name.errors).toBeNull();
  });

  it('lets the next edit clear a server error', () => {
    const form = signUpForm();
    applyProblemToForm(httpError(409, aProblem(409, 'Conflict', [{ field: 'email', message: 'is taken' }])), form);
    expect(form.controls.email.hasError('server')).toBe(true);

    form.controls.email.setValue('other@example.com');
    expect(form.controls.email.hasError('server')).toBe(false);
  });

  it("shows the problem's detail when no field is named", () => {
    const form = signUpForm();
    expect(applyProblemToForm(httpError(403, aProblem(403, 'Your account is suspended')), form)).toBe(
      'Your account is suspended.',
    );
  });

  it('adds errors for unknown fields to the form-level message', () => {
    const form = signUpForm();
    const message = applyProblemToForm(
      httpError(
        400,
        aProblem(400, 'Validation failed', [
          { field: 'email', message: 'must be an email' },
          { field: 'role', message: 'should not exist' },
        ]),
      ),
      form,
    );

    expect(form.controls.email.errors).toEqual({ server: 'Email must be an email.' });
    expect(message).toBe('Validation failed. Role should not exist.');
  });

  it('prefers a message the caller set for the status', () => {
    const form = signUpForm();
    const message = applyProblemToForm(httpError(401, aProblem(401, 'Unauthorized')), form, {
      statusMessages: { 401: 'Invalid email or password' },
    });
    expect(message).toBe('Invalid email or password');
  });

  it('tells the user how long to wait after a 429', () => {
    const form = signUpForm();
    expect(applyProblemToForm(httpError(429, aProblem(429, 'Too Many Requests'), { 'Retry-After': '90' }), form)).toBe(
      'Too many requests. Try again in 2 minutes.',
    );
  });

  it('explains an unreachable server and hides server faults', () => {
    const form = signUpForm();
    expect(applyProblemToForm(new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') }), form)).toMatch(
      /couldn't reach the server/,
    );
    expect(applyProblemToForm(httpError(500, '<html>stack trace</html>'), form)).toBe(
      'Something went wrong on our side. Please try again in a moment.',
    );
  });
});

describe('fieldErrorSentence', () => {
  it("gives the API's predicates their subject", () => {
    expect(fieldErrorSentence('currentPassword', 'is incorrect')).toBe('Current password is incorrect.');
    expect(fieldErrorSentence('newPassword', 'must differ from the current password')).toBe(
      'New password must differ from the current password.',
    );
  });

  it('keeps messages that already are sentences', () => {
    expect(fieldErrorSentence('email', 'email must be an email address')).toBe('Email must be an email address.');
    expect(fieldErrorSentence('email', 'An account with this email already exists')).toBe(
      'An account with this email already exists.',
    );
  });
});

describe('problemDetailsOf', () => {
  it('reads a problem+json body and ignores anything else', () => {
    expect(problemDetailsOf(httpError(404, aProblem(404, 'Not found')))?.status).toBe(404);
    expect(problemDetailsOf(httpError(502, 'Bad gateway'))).toBeNull();
    expect(problemDetailsOf(new Error('boom'))).toBeNull();
  });
});
