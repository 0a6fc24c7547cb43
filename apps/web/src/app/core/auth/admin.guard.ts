import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { APP_ROUTES, hasPermission } from '@hh/contracts';
import { AuthStore } from './auth-store.service';
import { signInUrlTree } from './sign-in-redirect';

/** The admin console is for roles with `accessAdminConsole`; others go back to their dashboard. */
export const adminGuard: CanActivateFn = (_route, state) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  if (!store.isAuthenticated()) {
    return signInUrlTree(router, state.url);
  }
  return hasPermission(store.user()?.role, 'accessAdminConsole') || router.parseUrl(APP_ROUTES.dashboard.path);
};
