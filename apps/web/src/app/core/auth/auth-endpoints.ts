import { API_BASE_PATH } from '@hh/contracts';

/** The API routes of the session and of the signed-in user's own account (/auth and /me in the OpenAPI document). */
export const AUTH_ENDPOINTS = {
  signup: `${API_BASE_PATH}/auth/signup`,
  login: `${API_BASE_PATH}/auth/login`,
  loginMfa: `${API_BASE_PATH}/auth/login/mfa`,
  refresh: `${API_BASE_PATH}/auth/refresh`,
  logout: `${API_BASE_PATH}/auth/logout`,
  me: `${API_BASE_PATH}/auth/me`,
} as const;

export const ACCOUNT_ENDPOINTS = {
  profile: `${API_BASE_PATH}/me`,
  password: `${API_BASE_PATH}/me/password`,
  mfa: `${API_BASE_PATH}/me/mfa`,
  totp: `${API_BASE_PATH}/me/mfa/totp`,
  totpConfirm: `${API_BASE_PATH}/me/mfa/totp/confirm`,
  recoveryCodes: `${API_BASE_PATH}/me/mfa/recovery-codes`,
  sessions: `${API_BASE_PATH}/me/sessions`,
} as const;

/**
 * Endpoints that authenticate with credentials of their own (a password or the refresh cookie):
 * they never carry the access token, and a 401 from them means "wrong credentials", not "token expired".
 */
export const CREDENTIAL_ENDPOINTS: readonly string[] = [
  AUTH_ENDPOINTS.signup,
  AUTH_ENDPOINTS.login,
  AUTH_ENDPOINTS.loginMfa,
  AUTH_ENDPOINTS.refresh,
];
