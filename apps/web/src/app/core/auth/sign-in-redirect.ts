import type { Router, UrlTree } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { AUTH_QUERY_PARAMS } from './auth-query-params';

/** The sign-in page, remembering where the user wanted to go so that signing in returns there. */
export function signInUrlTree(router: Router, returnUrl: string | null | undefined): UrlTree {
  const wanted = returnUrl && returnUrl !== '/' && !returnUrl.startsWith(APP_ROUTES.auth.path) ? returnUrl : null;
  return router.createUrlTree(
    [APP_ROUTES.auth.path],
    wanted ? { queryParams: { [AUTH_QUERY_PARAMS.returnUrl]: wanted } } : {},
  );
}
