import type { Route } from '@angular/router';
import { APP_ROUTES, type AppRoute } from '@hh/contracts';
import { adminGuard } from './core/auth/admin.guard';
import { authGuard } from './core/auth/auth.guard';
import { guestGuard } from './core/auth/guest.guard';

const PORTAL_ROOT = '/voip';

/** A router path from the typed route table: '/voip/dashboard' → 'voip/dashboard', or 'dashboard' below '/voip'. */
function pathOf(route: AppRoute, parent = ''): string {
  if (!route.path.startsWith(`${parent}/`)) {
    throw new Error(`${route.path} is not below ${parent || '/'}`);
  }
  return route.path.slice(parent.length + 1);
}

export const appRoutes: Route[] = [
  {
    path: pathOf(APP_ROUTES.home),
    pathMatch: 'full',
    title: APP_ROUTES.home.title,
    loadComponent: () => import('./features/landing/landing-page.component').then((m) => m.LandingPageComponent),
  },
  {
    path: pathOf(APP_ROUTES.auth),
    canActivate: [guestGuard],
    title: APP_ROUTES.auth.title,
    loadComponent: () => import('./features/auth/auth-page.component').then((m) => m.AuthPageComponent),
  },
  // The pages mailed links open: signed in or not, so no guard.
  {
    path: pathOf(APP_ROUTES.verifyEmail),
    title: APP_ROUTES.verifyEmail.title,
    loadComponent: () =>
      import('./features/account-email/verify-email-page.component').then((m) => m.VerifyEmailPageComponent),
  },
  {
    path: pathOf(APP_ROUTES.forgotPassword),
    title: APP_ROUTES.forgotPassword.title,
    loadComponent: () =>
      import('./features/account-email/forgot-password-page.component').then((m) => m.ForgotPasswordPageComponent),
  },
  {
    path: pathOf(APP_ROUTES.resetPassword),
    title: APP_ROUTES.resetPassword.title,
    loadComponent: () =>
      import('./features/account-email/reset-password-page.component').then((m) => m.ResetPasswordPageComponent),
  },
  {
    // Every signed-in page shares the shell (header + navigation).
    path: PORTAL_ROOT.slice(1),
    canActivate: [authGuard],
    loadComponent: () => import('./core/layout/shell-layout.component').then((m) => m.ShellLayoutComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: pathOf(APP_ROUTES.dashboard, PORTAL_ROOT) },
      {
        path: pathOf(APP_ROUTES.dashboard, PORTAL_ROOT),
        title: APP_ROUTES.dashboard.title,
        loadComponent: () =>
          import('./features/dashboard/dashboard-page.component').then((m) => m.DashboardPageComponent),
      },
      {
        path: pathOf(APP_ROUTES.dialer, PORTAL_ROOT),
        title: APP_ROUTES.dialer.title,
        loadComponent: () => import('./features/dialer/dialer-page.component').then((m) => m.DialerPageComponent),
      },
      {
        path: pathOf(APP_ROUTES.calls, PORTAL_ROOT),
        title: APP_ROUTES.calls.title,
        loadComponent: () =>
          import('./features/calls/call-history-page.component').then((m) => m.CallHistoryPageComponent),
      },
      {
        path: pathOf(APP_ROUTES.contacts, PORTAL_ROOT),
        title: APP_ROUTES.contacts.title,
        loadComponent: () => import('./features/contacts/contacts-page.component').then((m) => m.ContactsPageComponent),
      },
      {
        path: pathOf(APP_ROUTES.numbers, PORTAL_ROOT),
        title: APP_ROUTES.numbers.title,
        loadComponent: () =>
          import('./features/numbers/my-numbers-page.component').then((m) => m.MyNumbersPageComponent),
      },
      {
        path: pathOf(APP_ROUTES.requestNumber, PORTAL_ROOT),
        title: APP_ROUTES.requestNumber.title,
        loadComponent: () =>
          import('./features/request-number/request-number-page.component').then((m) => m.RequestNumberPageComponent),
      },
      {
        path: pathOf(APP_ROUTES.apiKeys, PORTAL_ROOT),
        title: APP_ROUTES.apiKeys.title,
        loadComponent: () => import('./features/api-keys/api-keys-page.component').then((m) => m.ApiKeysPageComponent),
      },
      {
        path: pathOf(APP_ROUTES.settings, PORTAL_ROOT),
        title: APP_ROUTES.settings.title,
        loadComponent: () => import('./features/settings/settings-page.component').then((m) => m.SettingsPageComponent),
      },
      {
        path: pathOf(APP_ROUTES.admin, PORTAL_ROOT),
        canActivate: [adminGuard],
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
      // An unknown portal address lands on the dashboard rather than on a dead end.
      { path: '**', redirectTo: pathOf(APP_ROUTES.dashboard, PORTAL_ROOT) },
    ],
  },
  { path: '**', redirectTo: pathOf(APP_ROUTES.home) },
];
