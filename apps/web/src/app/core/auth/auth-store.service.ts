import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import {
  hasPermission,
  type AuthResponse,
  type LoginRequest,
  type MfaChallenge,
  type MfaLoginRequest,
  type SignupRequest,
  type User,
} from '@hh/contracts';
import { catchError, finalize, firstValueFrom, map, type Observable, of, shareReplay, tap, throwError } from 'rxjs';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { homePathFor } from './home-path';
import { underRefreshLock } from './refresh-lock';

interface SessionState {
  user: User | null;
  accessToken: string | null;
}

const SIGNED_OUT: SessionState = { user: null, accessToken: null };

/**
 * The signed-in session. The access token lives in memory only (never in localStorage, where any injected
 * script could read it); the refresh token stays in the HttpOnly `hh_refresh` cookie that the browser sends to
 * `/api/v1/auth` by itself, so a reload restores the session through {@link refresh}.
 */
/**
 * Set in this browser while it holds a session (no secret: the refresh cookie is HttpOnly). Without it there is no
 * cookie to restore, so start-up does not ask the API and get a 401 that every signed-out page would log.
 */
const SESSION_HINT = 'hh.session';

function sessionHint(action: 'read' | 'set' | 'clear'): boolean {
  try {
    if (action === 'set') localStorage.setItem(SESSION_HINT, '1');
    if (action === 'clear') localStorage.removeItem(SESSION_HINT);
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    // Storage refused (a privacy mode): ask the API, as before.
    return true;
  }
}

@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly session = signal<SessionState>(SIGNED_OUT);
  /** The refresh in flight, shared so that concurrent callers (e.g. several 401s) cause a single request. */
  private refreshInFlight: Observable<AuthResponse> | null = null;

  readonly user = computed(() => this.session().user);
  readonly accessToken = computed(() => this.session().accessToken);
  readonly isAuthenticated = computed(() => this.session().user !== null && this.session().accessToken !== null);
  readonly isAdmin = computed(() => hasPermission(this.user()?.role, 'accessAdminConsole'));
  /** The page this user starts from: the admin console for admins, the dashboard for everyone else. */
  readonly homePath = computed(() => homePathFor(this.user()));

  signUp(request: SignupRequest): Observable<User> {
    return this.http.post<AuthResponse>(AUTH_ENDPOINTS.signup, request).pipe(
      tap((response) => this.startSession(response)),
      map((response) => response.user),
    );
  }

  signIn(request: LoginRequest): Observable<User> {
    return this.http.post<AuthResponse>(AUTH_ENDPOINTS.login, request).pipe(
      tap((response) => this.startSession(response)),
      map((response) => response.user),
    );
  }

  /**
   * The first step of a sign-in: signed in (the user), or, when the account has two-factor on, the challenge whose
   * mfaToken {@link completeSignIn} sends with a code.
   */
  beginSignIn(request: LoginRequest): Observable<{ user: User } | { challenge: MfaChallenge }> {
    return this.http.post<AuthResponse | MfaChallenge>(AUTH_ENDPOINTS.login, request).pipe(
      map((response) => {
        if ('mfaRequired' in response) return { challenge: response };
        this.startSession(response);
        return { user: response.user };
      }),
    );
  }

  /** The second step: the mfaToken with a TOTP code or a recovery code. */
  completeSignIn(request: MfaLoginRequest): Observable<User> {
    return this.http.post<AuthResponse>(AUTH_ENDPOINTS.loginMfa, request).pipe(
      tap((response) => this.startSession(response)),
      map((response) => response.user),
    );
  }

  /**
   * Trades the refresh cookie for a new token pair. Every caller while one refresh is in flight shares it:
   * the API rotates the refresh token on each use and treats a reused one as theft, so two parallel refreshes
   * would sign the user out. Other tabs are kept out the same way: the request is sent under a lock shared by
   * the tabs (see underRefreshLock), so it carries the cookie the last tab's refresh set. A failed refresh ends
   * the session.
   */
  refresh(): Observable<AuthResponse> {
    if (!this.refreshInFlight) {
      this.refreshInFlight = underRefreshLock(this.http.post<AuthResponse>(AUTH_ENDPOINTS.refresh, {})).pipe(
        tap((response) => this.startSession(response)),
        catchError((error: unknown) => {
          this.clearSession();
          return throwError(() => error);
        }),
        finalize(() => (this.refreshInFlight = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.refreshInFlight;
  }

  /**
   * Run once at start-up: a valid refresh cookie signs the user back in; anything else starts signed out, silently.
   * A browser that never signed in (or signed out) has nothing to restore and sends nothing.
   */
  restoreSession(): Promise<void> {
    if (!sessionHint('read')) return Promise.resolve();
    return firstValueFrom(
      this.refresh().pipe(
        map(() => undefined),
        catchError(() => of(undefined)),
      ),
    );
  }

  /**
   * Ends the session on the server (which revokes the refresh and the access token at once) and here.
   * Signing out locally always succeeds, even when the server cannot be reached.
   */
  signOut(): Observable<void> {
    if (!this.accessToken()) {
      this.clearSession();
      return of(undefined);
    }
    return this.http.post<void>(AUTH_ENDPOINTS.logout, {}).pipe(
      map(() => undefined),
      catchError(() => of(undefined)),
      // Cleared before subscribers run, so that a navigation to the sign-in page already sees a signed-out store.
      tap(() => this.clearSession()),
    );
  }

  /** Replaces the signed-in user after the account changed (profile edit, a fresh `/auth/me`). */
  updateUser(user: User): void {
    this.session.update((session) => (session.user ? { ...session, user } : session));
  }

  clearSession(): void {
    this.session.set(SIGNED_OUT);
    sessionHint('clear');
  }

  private startSession(response: AuthResponse): void {
    // The body's refreshToken is deliberately dropped: the HttpOnly cookie carries it, out of the reach of scripts.
    this.session.set({ user: response.user, accessToken: response.accessToken });
    sessionHint('set');
  }
}
