import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { AUTH_QUERY_PARAMS } from './auth-query-params';
import { AuthStore } from './auth-store.service';
import { safeReturnUrl } from './home-path';

/** The sign-in page is for signed-out visitors: a signed-in user goes where they were heading, or to their home. */
export const guestGuard: CanActivateFn = (route) => {
  const store = inject(AuthStore);
  if (!store.isAuthenticated()) {
    return true;
  }
  const target = safeReturnUrl(route.queryParamMap.get(AUTH_QUERY_PARAMS.returnUrl)) ?? store.homePath();
  return inject(Router).parseUrl(target);
};
