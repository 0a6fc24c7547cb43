/** Query parameters of the sign-in page, shared with the pages that link to it. */
export const AUTH_QUERY_PARAMS = {
  /** Where to go after signing in (set by authGuard; followed only when it is an in-app path). */
  returnUrl: 'returnUrl',
  /** `?mode=signup` opens the sign-up tab. */
  mode: 'mode',
} as const;

export const SIGN_UP_MODE = 'signup';
