/**
 * Value sets of the domain, as the API names them. Each is a readonly tuple so that the API's validators,
 * the database enums and the web app's pickers all iterate the same list.
 */
export const USER_ROLES = ['admin', 'client'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_STATUSES = ['active', 'suspended', 'pending'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const CALL_STATUSES = [
  'initiated',
  'ringing',
  'in_progress',
  'completed',
  'failed',
  'busy',
  'no_answer',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const FINAL_CALL_STATUSES: readonly CallStatus[] = ['completed', 'failed', 'busy', 'no_answer', 'canceled'];
/** Outcomes counted as failed in stats: failed = failed + busy + no_answer. */
export const FAILED_CALL_STATUSES: readonly CallStatus[] = ['failed', 'busy', 'no_answer'];

export const CALL_DIRECTIONS = ['outbound', 'inbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const NUMBER_STATUSES = ['available', 'assigned', 'pending', 'suspended'] as const;
export type NumberStatus = (typeof NUMBER_STATUSES)[number];

export const NUMBER_TYPES = ['local', 'toll_free', 'mobile'] as const;
export type NumberType = (typeof NUMBER_TYPES)[number];

export const NUMBER_REQUEST_STATUSES = ['pending', 'approved', 'denied', 'fulfilled'] as const;
export type NumberRequestStatus = (typeof NUMBER_REQUEST_STATUSES)[number];

export const API_KEY_STATUSES = ['active', 'revoked', 'expired'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];
