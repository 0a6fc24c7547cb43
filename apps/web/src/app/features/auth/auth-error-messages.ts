import type { HttpErrorResponse } from '@angular/common/http';
import type { ProblemFormOptions } from '../../shared/forms/apply-problem-to-form';
import { tryAgainIn } from '../../shared/http/retry-after';

export const INVALID_CREDENTIALS_MESSAGE = 'Invalid email or password';

/** Sign-in: one message for unknown email and wrong password alike (the API does not tell them apart either). */
export const SIGN_IN_ERROR_OPTIONS: ProblemFormOptions = {
  statusMessages: {
    401: INVALID_CREDENTIALS_MESSAGE,
    429: (error: HttpErrorResponse) => `Too many sign-in attempts. ${tryAgainIn(error)}`,
  },
};

export const SIGN_UP_ERROR_OPTIONS: ProblemFormOptions = {
  statusMessages: {
    429: (error: HttpErrorResponse) => `Too many sign-up attempts. ${tryAgainIn(error)}`,
  },
};

/** The second step of a sign-in: a wrong or reused code is a 401 with its own explanation, which is kept. */
export const TWO_FACTOR_ERROR_OPTIONS: ProblemFormOptions = {
  statusMessages: {
    429: (error: HttpErrorResponse) => `Too many wrong codes. ${tryAgainIn(error)}`,
  },
};
