import { API_BASE_PATH } from '@hh/contracts';

/** The API routes of the session and of the signed-in user's own account (/auth and /me in the OpenAPI document). */
export const AUTH_ENDPOINTS = {
  signup: `${API_BASE_PATH}/auth/signup`,
  login: `${API_BASE_PATH}/auth/login`,
  refresh: `${API_BASE_PATH}/auth/refresh`,
  logout: `${API_BASE_PATH}/auth/logout`,
  me: `${API_BASE_PATH}/auth/me`,
} as const;

export const ACCOUNT_ENDPOINTS = {
  profile: `${API_BASE_PATH}/me`,
  password: `${API_BASE_PATH}/me/password`,
} as const;

/**
 * Endpoints that authenticate with credentials of their own (a password or the refresh cookie):
 * they never carry the access token, and a 401 from them means "wrong credentials", not "token expired".
 */
export const CREDENTIAL_ENDPOINTS: readonly string[] = [
  AUTH_ENDPOINTS.signup,
  AUTH_ENDPOINTS.login,
  AUTH_ENDPOINTS.refresh,
];
