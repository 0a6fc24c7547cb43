import { APP_ROUTES, hasPermission, type User } from '@hh/contracts';

/** Where a user lands after signing in: admins run the business from the admin console, everyone else from the dashboard. */
export function homePathFor(user: Pick<User, 'role'> | null | undefined): string {
  return hasPermission(user?.role, 'accessAdminConsole') ? APP_ROUTES.admin.path : APP_ROUTES.dashboard.path;
}

/**
 * The `returnUrl` a guard put on the sign-in link, if it is safe to follow: an in-app path only
 * (no scheme, no protocol-relative `//host`), and never the sign-in page itself.
 */
export function safeReturnUrl(returnUrl: string | null | undefined): string | null {
  if (!returnUrl || !returnUrl.startsWith('/') || returnUrl.startsWith('//') || returnUrl.startsWith('/\\')) {
    return null;
  }
  const path = returnUrl.split(/[?#]/)[0];
  if (path === APP_ROUTES.auth.path) {
    return null;
  }
  return returnUrl;
}
