import {
  DestroyRef,
  DOCUMENT,
  effect,
  type EnvironmentProviders,
  inject,
  Injectable,
  InjectionToken,
  provideEnvironmentInitializer,
  signal,
  untracked,
} from '@angular/core';
import { Router } from '@angular/router';
import { type AdminActivityLog, API_BASE_PATH, type Call, type NumberRequest, REALTIME_EVENTS } from '@hh/contracts';
import { filter, map, type Observable, Subject } from 'rxjs';
import { AuthStore } from '../auth/auth-store.service';
import { signInUrlTree } from '../auth/sign-in-redirect';
import { SseParser } from './sse-parser';

/** GET /api/v1/events: the signed-in user's live updates as Server-Sent Events. */
export const EVENTS_ENDPOINT = `${API_BASE_PATH}/events`;

/** Reconnection waits: 1 s, 2 s, 4 s … doubling up to 15 s, reset once a connection opens. */
export const RECONNECT_BASE_DELAY_MS = 1_000;
export const RECONNECT_MAX_DELAY_MS = 15_000;
/**
 * The server writes a heartbeat comment every 15 s. A connection silent for three of them is dead even if the
 * socket has not noticed (a laptop that slept, a proxy that dropped it), so it is replaced.
 */
export const STALE_STREAM_MS = 45_000;

export function reconnectDelay(failures: number): number {
  return Math.min(RECONNECT_BASE_DELAY_MS * 2 ** failures, RECONNECT_MAX_DELAY_MS);
}

/** The stream is read with fetch(), since EventSource cannot send the Authorization header. Replaceable in tests. */
export type EventStreamFetch = (url: string, init: RequestInit) => Promise<Response>;
export const EVENT_STREAM_FETCH = new InjectionToken<EventStreamFetch>('EVENT_STREAM_FETCH', {
  providedIn: 'root',
  factory: () => (url, init) => fetch(url, init),
});

interface RealtimeMessage {
  event: string;
  data: unknown;
}

/**
 * The one live connection of the web app (docs/decisions/006): it opens while a session exists and closes on
 * sign-out, and exposes every kind of push the server makes (calls, number requests, activity) as observables for
 * the pages that show them.
 *
 * It keeps itself alive: a dropped connection (network, server restart, a silent socket) is re-opened after
 * 1 s, 2 s, 4 s … at most 15 s; a 401 refreshes the session through the auth store's single shared refresh and
 * reconnects at once. Events pushed while the connection was down are lost, so every re-opened connection is
 * announced on `reconnected$` for the pages to re-fetch what they show.
 */
@Injectable({ providedIn: 'root' })
export class LiveEventsService {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly fetchStream = inject(EVENT_STREAM_FETCH);
  private readonly window = inject(DOCUMENT).defaultView;

  private readonly messages = new Subject<RealtimeMessage>();
  private readonly reconnections = new Subject<void>();
  private readonly connectedState = signal(false);

  /** Whether the stream is open right now; pages may fall back to polling while it is not. */
  readonly connected = this.connectedState.asReadonly();
  /** Each status change of one of my calls (and each notes edit), as the full Call. */
  readonly callUpdates$: Observable<Call> = this.eventsNamed<Call>(REALTIME_EVENTS.callUpdated);
  /** Calls created through the API (sip mode) that one of my online softphones is asked to place. */
  readonly callDials$: Observable<Call> = this.eventsNamed<Call>(REALTIME_EVENTS.callDial);
  /** One of my numbers rings (mock provider): my inbound leg, ringing; its changes follow as call.updated. */
  readonly callIncoming$: Observable<Call> = this.eventsNamed<Call>(REALTIME_EVENTS.callIncoming);
  /** Each change of one of my number requests. */
  readonly requestUpdates$: Observable<NumberRequest> = this.eventsNamed<NumberRequest>(
    REALTIME_EVENTS.numberRequestUpdated,
  );
  /** New activity log entries (admins only), each naming its users as GET /admin/activity rows do. */
  readonly activity$: Observable<AdminActivityLog> = this.eventsNamed<AdminActivityLog>(
    REALTIME_EVENTS.activityCreated,
  );
  /** Emits when the stream opens again after it was lost: time to re-fetch, since events may have been missed. */
  readonly reconnected$: Observable<void> = this.reconnections.asObservable();

  private running = false;
  /** The connection being opened or read; null while waiting to retry or stopped. */
  private connection: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private staleTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private openedBefore = false;
  /** A refresh already happened since the last open: a second 401 backs off instead of rotating tokens in a loop. */
  private refreshedSinceOpen = false;

  constructor() {
    effect(() => {
      const signedIn = this.store.isAuthenticated();
      untracked(() => (signedIn ? this.start() : this.stop()));
    });

    // Back online: no point waiting out the backoff.
    const onOnline = () => this.reconnectNow();
    this.window?.addEventListener('online', onOnline);
    inject(DestroyRef).onDestroy(() => {
      this.window?.removeEventListener('online', onOnline);
      this.stop();
    });
  }

  /** Opens the stream (idempotent). Called by itself when a session starts. */
  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.failures = 0;
    this.openedBefore = false;
    this.refreshedSinceOpen = false;
    void this.connect();
  }

  /** Closes the stream and cancels any pending reconnection. Called by itself on sign-out. */
  stop(): void {
    this.running = false;
    this.clearTimers();
    const connection = this.connection;
    this.connection = null;
    connection?.abort();
    this.connectedState.set(false);
  }

  private reconnectNow(): void {
    if (this.running && this.retryTimer !== null) {
      this.clearTimers();
      void this.connect();
    }
  }

  private async connect(): Promise<void> {
    this.clearTimers();
    const token = this.store.accessToken();
    if (!this.running || !token) {
      return;
    }
    const connection = new AbortController();
    this.connection = connection;
    try {
      const response = await this.fetchStream(EVENTS_ENDPOINT, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
        cache: 'no-store',
        signal: connection.signal,
      });
      if (this.connection !== connection) {
        return; // stopped (or replaced) while connecting
      }
      if (response.status === 401) {
        void response.body?.cancel().catch(() => undefined);
        this.recoverFromUnauthorized(connection, token);
        return;
      }
      if (!response.ok || !response.body) {
        throw new Error(`The event stream answered ${response.status}`);
      }
      this.opened(connection);
      await this.read(response.body, connection);
    } catch {
      // A network error, the server going away, or the stale-stream watchdog aborting: all are retried below.
    }
    if (this.connection === connection) {
      this.dropped();
    }
  }

  private opened(connection: AbortController): void {
    this.failures = 0;
    this.refreshedSinceOpen = false;
    this.connectedState.set(true);
    this.watchForSilence(connection);
    if (this.openedBefore) {
      this.reconnections.next();
    }
    this.openedBefore = true;
  }

  private async read(body: ReadableStream<Uint8Array>, connection: AbortController): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || this.connection !== connection) {
          return;
        }
        this.watchForSilence(connection);
        for (const message of parser.feed(decoder.decode(value, { stream: true }))) {
          this.deliver(message.event, message.data);
        }
      }
    } finally {
      void reader.cancel().catch(() => undefined);
    }
  }

  private deliver(event: string, data: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return; // not ours to guess at
    }
    this.messages.next({ event, data: parsed });
  }

  private dropped(): void {
    this.connection = null;
    this.connectedState.set(false);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.clearTimers();
    if (!this.running) {
      return;
    }
    const delay = reconnectDelay(this.failures);
    this.failures++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  /** The access token expired or was revoked: refresh once (shared with the HTTP interceptor) and reconnect. */
  private recoverFromUnauthorized(connection: AbortController, sentToken: string): void {
    this.connectedState.set(false);
    const current = this.store.accessToken();
    if (current && current !== sentToken) {
      // Someone else refreshed meanwhile: just use the new token.
      this.connection = null;
      void this.connect();
      return;
    }
    if (this.refreshedSinceOpen) {
      this.dropped();
      return;
    }
    this.refreshedSinceOpen = true;
    this.store.refresh().subscribe({
      next: () => {
        if (this.running && this.connection === connection) {
          this.connection = null;
          void this.connect();
        }
      },
      error: () => {
        // The session is over (the store has cleared it): stop, and ask the user to sign in again.
        this.stop();
        void this.router.navigateByUrl(signInUrlTree(this.router, this.router.url));
      },
    });
  }

  private watchForSilence(connection: AbortController): void {
    if (this.staleTimer !== null) {
      clearTimeout(this.staleTimer);
    }
    this.staleTimer = setTimeout(() => {
      this.staleTimer = null;
      connection.abort();
    }, STALE_STREAM_MS);
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.staleTimer !== null) {
      clearTimeout(this.staleTimer);
      this.staleTimer = null;
    }
  }

  private eventsNamed<T>(name: string): Observable<T> {
    return this.messages.pipe(
      filter((message) => message.event === name),
      map((message) => message.data as T),
    );
  }
}

/** Opens the live connection with the app: it then follows the session by itself. */
export function provideLiveEvents(): EnvironmentProviders {
  return provideEnvironmentInitializer(() => void inject(LiveEventsService));
}
