import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { APP_ROUTES, MFA_SETUP_REQUIRED_PROBLEM } from '@hh/contracts';
import { catchError, map, of, switchMap, throwError } from 'rxjs';
import { AuthStore } from '../auth/auth-store.service';
import { CREDENTIAL_ENDPOINTS } from '../auth/auth-endpoints';
import { signInUrlTree } from '../auth/sign-in-redirect';

/** Only our own API (a same-origin, relative `/api/` URL) ever sees the access token; no other host does. */
export function isApiRequest(url: string): boolean {
  return url.startsWith('/api/');
}

function isCredentialEndpoint(url: string): boolean {
  const path = url.split(/[?#]/)[0];
  return CREDENTIAL_ENDPOINTS.includes(path);
}

function isTwoFactorSetupRequired(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 403 &&
    (error.error as { type?: unknown } | null)?.type === MFA_SETUP_REQUIRED_PROBLEM
  );
}

function withBearer<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Attaches `Authorization: Bearer <access token>` to API requests and recovers from an expired token:
 * on a 401 it refreshes once (concurrent 401s share the single refresh in flight, see AuthStore.refresh)
 * and retries the request with the new token. The retry goes straight to the next handler, so it is never
 * refreshed again: there is no loop. When the refresh fails the session is over: the store is cleared and the
 * user is sent to sign in, with the page they were on as the return URL.
 */
export const tokenInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiRequest(request.url) || isCredentialEndpoint(request.url)) {
    return next(request);
  }
  const store = inject(AuthStore);
  const router = inject(Router);
  const sentToken = store.accessToken();

  return next(withBearer(request, sentToken)).pipe(
    catchError((error: unknown) => {
      if (isTwoFactorSetupRequired(error)) {
        // REQUIRE_ADMIN_MFA: an admin without two-factor is sent to set it up (Settings → Security).
        if (!router.url.startsWith(APP_ROUTES.settings.path)) void router.navigateByUrl(APP_ROUTES.settings.path);
        return throwError(() => error);
      }
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) {
        return throwError(() => error);
      }
      // A refresh that finished while this request was in flight already gave us a newer token: just use it.
      const currentToken = store.accessToken();
      const freshToken$ =
        currentToken && currentToken !== sentToken
          ? of(currentToken)
          : store.refresh().pipe(map((response) => response.accessToken));

      return freshToken$.pipe(
        catchError(() => {
          store.clearSession();
          void router.navigateByUrl(signInUrlTree(router, router.url));
          return throwError(() => error);
        }),
        switchMap((token) => next(withBearer(request, token))),
      );
    }),
  );
};
