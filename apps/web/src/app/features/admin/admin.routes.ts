import type { Routes } from '@angular/router';
import { APP_ROUTES, type AppRoute } from '@hh/contracts';

/** A route's path below the admin console, e.g. '/voip/admin/users' → 'users'. */
function segmentOf(route: AppRoute): string {
  return route.path.slice(APP_ROUTES.admin.path.length + 1);
}

/** The pages of the admin console. */
const ADMIN_PAGES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: APP_ROUTES.admin.title,
    loadComponent: () =>
      import('./dashboard/admin-dashboard-page.component').then((m) => m.AdminDashboardPageComponent),
  },
  {
    path: segmentOf(APP_ROUTES.adminUsers),
    title: APP_ROUTES.adminUsers.title,
    loadComponent: () => import('./users/admin-users-page.component').then((m) => m.AdminUsersPageComponent),
  },
  {
    path: segmentOf(APP_ROUTES.adminNumbers),
    title: APP_ROUTES.adminNumbers.title,
    loadComponent: () => import('./numbers/admin-numbers-page.component').then((m) => m.AdminNumbersPageComponent),
  },
  {
    path: segmentOf(APP_ROUTES.adminRequests),
    title: APP_ROUTES.adminRequests.title,
    loadComponent: () => import('./requests/admin-requests-page.component').then((m) => m.AdminRequestsPageComponent),
  },
  {
    path: segmentOf(APP_ROUTES.adminAnalytics),
    title: APP_ROUTES.adminAnalytics.title,
    loadComponent: () =>
      import('./analytics/admin-analytics-page.component').then((m) => m.AdminAnalyticsPageComponent),
  },
  {
    path: segmentOf(APP_ROUTES.adminActivity),
    title: APP_ROUTES.adminActivity.title,
    loadComponent: () => import('./activity/admin-activity-page.component').then((m) => m.AdminActivityPageComponent),
  },
  {
    path: segmentOf(APP_ROUTES.adminRecordings),
    title: APP_ROUTES.adminRecordings.title,
    loadComponent: () =>
      import('./recordings/admin-recordings-page.component').then((m) => m.AdminRecordingsPageComponent),
  },
  {
    path: segmentOf(APP_ROUTES.adminMail),
    title: APP_ROUTES.adminMail.title,
    loadComponent: () => import('./mail/admin-mail-page.component').then((m) => m.AdminMailPageComponent),
  },
];

/**
 * The admin console, loaded only when an admin opens it (adminGuard sits on the parent route). Its lists name users
 * from the rows themselves (owner, user, entityUser), never by looking each id up.
 */
export const ADMIN_ROUTES: Routes = [{ path: '', children: ADMIN_PAGES }];
