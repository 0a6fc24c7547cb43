import type { UserRole, UserStatus } from './domain';

/**
 * What each role may do. The API's guards and the web app's menus and guards read this one map,
 * so a role never sees a menu entry the API would refuse.
 */
export const PERMISSIONS = {
  useClientPortal: ['admin', 'client'],
  accessAdminConsole: ['admin'],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasPermission(role: UserRole | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly UserRole[]).includes(role);
}

/** Pending and suspended accounts cannot place calls or create API keys. */
export function canUseTelephony(status: UserStatus): boolean {
  return status === 'active';
}
