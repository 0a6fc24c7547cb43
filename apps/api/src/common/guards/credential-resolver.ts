import type { Principal } from './principal';

/**
 * How the authentication guard (and anything that re-checks a credential, like an open live-update stream) turns a
 * credential into a Principal without knowing the features that store credentials: `api-keys` binds
 * API_KEY_RESOLVER and `auth` binds SESSION_RESOLVER. Both throw the API's 401/403 problems when the credential
 * does not hold.
 */
export const API_KEY_RESOLVER = Symbol('ApiKeyResolver');

export interface ApiKeyResolver {
  /** The principal a presented key stands for; the lookup counts as a use of the key. */
  resolveApiKey(key: string): Promise<Principal>;
  /** The same checks for the key with this id (a re-check, not counted as a use). */
  resolveApiKeyById(id: number): Promise<Principal>;
}

export const SESSION_RESOLVER = Symbol('SessionResolver');

export interface SessionResolver {
  /** The principal of a live session of `userId`, re-read from the database. */
  resolveSession(sessionId: string, userId: number): Promise<Principal>;
}
