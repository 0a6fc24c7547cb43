import type { AdminUpdateUserRequest, User } from '@hh/contracts';
import type { ConfirmDialogData } from '../../../shared/ui/confirm-dialog.component';

/** What an admin can do to an account from the users table. */
export type UserActionKind = 'approve' | 'suspend' | 'reactivate' | 'makeAdmin' | 'makeClient';

export interface UserAction {
  kind: UserActionKind;
  /** The button's text. */
  label: string;
  /** The button's accessible name, which names the user so that every row's button is distinct. */
  ariaLabel: string;
  change: AdminUpdateUserRequest;
  /** Why the action is unavailable (the admin's own row), or null. */
  disabledReason: string | null;
}

export const SELF_GUARD_HINT = 'You cannot suspend yourself or remove your own admin role.';

/** The status action for an account: approve a pending sign-up, suspend an active one, reactivate a suspended one. */
export function statusActionFor(user: User, me: User | null): UserAction {
  const self = me?.id === user.id;
  switch (user.status) {
    case 'pending':
      return action('approve', 'Approve', `Approve ${user.name}`, { status: 'active' }, null);
    case 'suspended':
      return action('reactivate', 'Reactivate', `Reactivate ${user.name}`, { status: 'active' }, null);
    default:
      return action(
        'suspend',
        'Suspend',
        `Suspend ${user.name}`,
        { status: 'suspended' },
        self ? SELF_GUARD_HINT : null,
      );
  }
}

/** The role action: promote a client, or demote an admin (never yourself). */
export function roleActionFor(user: User, me: User | null): UserAction {
  const self = me?.id === user.id;
  return user.role === 'admin'
    ? action(
        'makeClient',
        'Make client',
        `Make client: ${user.name}`,
        { role: 'client' },
        self ? SELF_GUARD_HINT : null,
      )
    : action('makeAdmin', 'Make admin', `Make admin: ${user.name}`, { role: 'admin' }, null);
}

function action(
  kind: UserActionKind,
  label: string,
  ariaLabel: string,
  change: AdminUpdateUserRequest,
  disabledReason: string | null,
): UserAction {
  return { kind, label, ariaLabel, change, disabledReason };
}

/** The confirmation that explains what the action does before it is done. */
export function confirmationFor(kind: UserActionKind, user: Pick<User, 'name' | 'email'>): ConfirmDialogData {
  const who = `${user.name} (${user.email})`;
  switch (kind) {
    case 'approve':
      return {
        title: `Approve ${user.name}?`,
        message: `${who} becomes an active client: they can place calls, get numbers and create API keys.`,
        confirmLabel: 'Approve',
        dismissLabel: 'Not now',
      };
    case 'suspend':
      return {
        title: `Suspend ${user.name}?`,
        message: `${who} is signed out at once, and their sessions and API keys stop working until you reactivate them. Their numbers stay assigned.`,
        confirmLabel: 'Suspend',
        dismissLabel: 'Keep active',
      };
    case 'reactivate':
      return {
        title: `Reactivate ${user.name}?`,
        message: `${who} can sign in again, and their API keys work again.`,
        confirmLabel: 'Reactivate',
        dismissLabel: 'Keep suspended',
      };
    case 'makeAdmin':
      return {
        title: `Make ${user.name} an admin?`,
        message: `${who} gets the admin console: every user, number, request and the activity log, from their next request.`,
        confirmLabel: 'Make admin',
        dismissLabel: 'Keep as client',
      };
    case 'makeClient':
      return {
        title: `Make ${user.name} a client?`,
        message: `${who} loses the admin console from their next request and keeps only their own calls and numbers.`,
        confirmLabel: 'Make client',
        dismissLabel: 'Keep as admin',
      };
  }
}

/** The snack bar once the change is made. */
export function doneMessageFor(kind: UserActionKind, name: string): string {
  const outcomes: Record<UserActionKind, string> = {
    approve: 'is approved',
    suspend: 'is suspended',
    reactivate: 'is active again',
    makeAdmin: 'is now an admin',
    makeClient: 'is now a client',
  };
  return `${name} ${outcomes[kind]}.`;
}
