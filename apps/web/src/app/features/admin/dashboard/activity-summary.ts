import type { ActivityAction, AdminActivityLog, CallStatus } from '@hh/contracts';
import { CALL_STATUS_LABELS, callOutcome } from '../../../shared/format/call-status';
import { formatPhoneNumber } from '../../../shared/format/phone';

/** Each action as a heading of the dashboard's feed, in the words of the wireframe ("User signup", "New call"). */
export const ACTIVITY_ACTION_LABELS: Readonly<Record<ActivityAction, string>> = {
  signup: 'User signup',
  login: 'Sign-in',
  login_failed: 'Failed sign-in',
  logout: 'Sign-out',
  refresh_token_reused: 'Refresh token reused',
  password_changed: 'Password changed',
  profile_updated: 'Profile updated',
  admin_bootstrapped: 'First admin created',
  call_initiated: 'New call',
  call_answered: 'Call answered',
  call_declined: 'Call declined',
  call_ended: 'Call ended',
  number_created: 'Number added',
  number_assigned: 'Number assigned',
  number_released: 'Number released',
  number_updated: 'Number updated',
  number_deleted: 'Number deleted',
  numbers_imported: 'Numbers imported',
  request_created: 'Number requested',
  request_canceled: 'Request cancelled',
  request_approved: 'Request approved',
  request_denied: 'Request denied',
  request_fulfilled: 'Request fulfilled',
  key_created: 'API key created',
  key_revoked: 'API key revoked',
  user_role_changed: 'Role changed',
  user_status_changed: 'Status changed',
  user_updated: 'User renamed',
  contact_created: 'Contact added',
  contact_updated: 'Contact changed',
  contact_deleted: 'Contact deleted',
  contacts_imported: 'Contacts imported',
  email_verification_sent: 'Verification e-mail sent',
  email_verified: 'E-mail verified',
  email_change_requested: 'E-mail change requested',
  email_changed: 'E-mail changed',
  password_reset_requested: 'Password reset requested',
  password_reset: 'Password reset',
  two_factor_setup_started: 'Two-factor set-up started',
  two_factor_enabled: 'Two-factor turned on',
  two_factor_disabled: 'Two-factor turned off',
  two_factor_reset: 'Two-factor reset by an admin',
  two_factor_challenged: 'Two-factor code asked',
  two_factor_code_rejected: 'Wrong two-factor code',
  recovery_code_used: 'Recovery code used',
  recovery_codes_regenerated: 'Recovery codes replaced',
  session_revoked: 'Session signed out',
  sessions_revoked: 'Other sessions signed out',
};

export interface ActivitySummary {
  /** What happened: "User signup". */
  title: string;
  /** What it happened to, as far as the entry tells: "jane@example.com", "(909) 687-4971", "user #7: pending → active". */
  subject: string;
}

function text(details: AdminActivityLog['details'], key: string): string | null {
  const value = details?.[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function count(details: AdminActivityLog['details'], key: string): number {
  const value = details?.[key];
  return typeof value === 'number' ? value : 0;
}

function entityOf(entry: AdminActivityLog): string {
  if (!entry.entityType) return '';
  if (entry.entityUser) return entry.entityUser.name;
  const name = entry.entityType.replace(/_/g, ' ');
  return entry.entityId !== null ? `${name} #${entry.entityId}` : name;
}

/**
 * One line per activity entry, from its action and the details the API records for it (GET /admin/activity); a user it
 * is about goes by the name the entry carries (`entityUser`; "user #7" for a user deleted since).
 */
export function describeActivity(entry: AdminActivityLog): ActivitySummary {
  const action = entry.action as ActivityAction;
  const title = ACTIVITY_ACTION_LABELS[action] ?? entry.action.replace(/_/g, ' ');
  const details = entry.details;
  const email = text(details, 'email');
  const phoneNumber = text(details, 'phoneNumber');

  switch (action) {
    case 'call_answered':
    case 'call_declined': {
      const from = text(details, 'fromNumber');
      return { title, subject: from ? `from ${formatPhoneNumber(from)}` : entityOf(entry) };
    }
    case 'call_initiated': {
      const to = text(details, 'toNumber');
      return { title, subject: to ? `to ${formatPhoneNumber(to)}` : entityOf(entry) };
    }
    case 'call_ended': {
      const status = text(details, 'status') as CallStatus | null;
      return {
        title,
        subject:
          status && status in CALL_STATUS_LABELS
            ? `${entityOf(entry)}: ${callOutcome({ status, durationSeconds: count(details, 'durationSeconds') })}`
            : entityOf(entry),
      };
    }
    case 'numbers_imported':
      return { title, subject: `${count(details, 'created')} created, ${count(details, 'skipped')} skipped` };
    case 'contacts_imported':
      return {
        title,
        subject: `${count(details, 'contactsCreated')} contacts created, ${count(details, 'skipped')} lines skipped, ${count(details, 'refused')} refused`,
      };
    case 'user_role_changed':
    case 'user_status_changed':
    case 'user_updated':
    case 'email_change_requested':
    case 'email_changed': {
      const from = text(details, 'from');
      const to = text(details, 'to');
      return { title, subject: from && to ? `${entityOf(entry)}: ${from} → ${to}` : entityOf(entry) };
    }
    case 'key_created':
    case 'key_revoked':
      return { title, subject: text(details, 'keyName') ?? text(details, 'prefix') ?? entityOf(entry) };
    default:
      if (email) return { title, subject: email };
      if (phoneNumber) return { title, subject: formatPhoneNumber(phoneNumber) };
      return { title, subject: entityOf(entry) };
  }
}

/**
 * The newest `limit` entries of both lists, newest first, each once. Entries never change once written and ids grow
 * with time, so merging what the list returned with what arrived live while it loaded loses nothing.
 */
export function newestActivity(
  current: readonly AdminActivityLog[],
  incoming: readonly AdminActivityLog[],
  limit: number,
): AdminActivityLog[] {
  const byId = new Map<number, AdminActivityLog>();
  for (const entry of [...current, ...incoming]) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, limit);
}
