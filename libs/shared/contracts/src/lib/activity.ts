/**
 * Actions recorded in the activity log: every state-changing action writes one. Named `<thing>_<past participle>`
 * (US spelling: canceled); signup, login and logout name the event itself, as auth logs usually do.
 */
export const ACTIVITY_ACTIONS = [
  'signup',
  'login',
  'login_failed',
  'logout',
  'refresh_token_reused',
  'password_changed',
  'profile_updated',
  'admin_bootstrapped',
  'call_initiated',
  'call_answered',
  'call_declined',
  'call_ended',
  'number_created',
  'number_assigned',
  'number_released',
  'number_updated',
  'number_deleted',
  'numbers_imported',
  'request_created',
  'request_canceled',
  'request_approved',
  'request_denied',
  'request_fulfilled',
  'key_created',
  'key_revoked',
  'user_role_changed',
  'user_status_changed',
  'user_updated',
  'contact_created',
  'contact_updated',
  'contact_deleted',
  'contacts_imported',
  'two_factor_setup_started',
  'two_factor_enabled',
  'two_factor_disabled',
  'two_factor_reset',
  'two_factor_challenged',
  'two_factor_code_rejected',
  'recovery_code_used',
  'recovery_codes_regenerated',
  'session_revoked',
  'sessions_revoked',
  'email_verification_sent',
  'email_verified',
  'email_change_requested',
  'email_changed',
  'password_reset_requested',
  'password_reset',
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

/**
 * Former spellings of renamed actions (sql/008-activity-action-names.sql rewrote the stored rows). GET
 * /admin/activity still accepts them as its `action` filter, so saved links and scripts keep working.
 */
export const LEGACY_ACTIVITY_ACTIONS: Readonly<Record<string, ActivityAction>> = {
  refresh_token_reuse: 'refresh_token_reused',
  password_change: 'password_changed',
  profile_update: 'profile_updated',
  admin_bootstrap: 'admin_bootstrapped',
  request_cancelled: 'request_canceled',
};

/** What an activity entry is about (entityType, with its id in entityId). */
export const ACTIVITY_ENTITY_TYPES = [
  'user',
  'session',
  'api_key',
  'call',
  'phone_number',
  'number_request',
  'contact',
] as const;
export type ActivityEntityType = (typeof ACTIVITY_ENTITY_TYPES)[number];
