import { APP_ROUTES, hasPermission, type AppRoute, type UserRole } from '@hh/contracts';

export interface NavigationEntry {
  route: AppRoute;
  /** Name of an icon registered in the `hh` namespace (see portal-icons.ts). */
  icon: string;
  /** Only the exact path marks the entry active (a section's home, e.g. the admin dashboard above its sub-pages). */
  exact?: boolean;
}

export interface NavigationGroup {
  label: string;
  entries: readonly NavigationEntry[];
}

const CLIENT_ENTRIES: readonly NavigationEntry[] = [
  { route: APP_ROUTES.dashboard, icon: 'dashboard' },
  { route: APP_ROUTES.dialer, icon: 'dialpad' },
  { route: APP_ROUTES.calls, icon: 'history' },
  { route: APP_ROUTES.contacts, icon: 'contacts' },
  { route: APP_ROUTES.numbers, icon: 'sim-card' },
  { route: APP_ROUTES.requestNumber, icon: 'add-call' },
  { route: APP_ROUTES.apiKeys, icon: 'key' },
  { route: APP_ROUTES.settings, icon: 'settings' },
];

const ADMIN_ENTRIES: readonly NavigationEntry[] = [
  { route: APP_ROUTES.admin, icon: 'shield', exact: true },
  { route: APP_ROUTES.adminUsers, icon: 'group' },
  { route: APP_ROUTES.adminNumbers, icon: 'inventory' },
  { route: APP_ROUTES.adminRequests, icon: 'inbox' },
  { route: APP_ROUTES.adminAnalytics, icon: 'bar-chart' },
  { route: APP_ROUTES.adminActivity, icon: 'list' },
  { route: APP_ROUTES.adminRecordings, icon: 'mic' },
  { route: APP_ROUTES.adminMail, icon: 'mail' },
];

/**
 * The sidebar for a role, read from the shared permission map so that nobody sees an entry the API would refuse.
 * Admins get the console first and, below it, the same client portal everyone has.
 */
export function navigationFor(role: UserRole | null | undefined): NavigationGroup[] {
  const groups: NavigationGroup[] = [];
  if (hasPermission(role, 'accessAdminConsole')) {
    groups.push({ label: 'Administration', entries: ADMIN_ENTRIES });
  }
  if (hasPermission(role, 'useClientPortal')) {
    // Never plain "Portal": each group's list is a navigation landmark named by its label, inside the sidebar's
    // own navigation, which is "Portal" (landmarks of one kind need distinct names).
    groups.push({ label: 'Client portal', entries: CLIENT_ENTRIES });
  }
  return groups;
}
