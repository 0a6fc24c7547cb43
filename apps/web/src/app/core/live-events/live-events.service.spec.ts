import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Call } from '@hh/contracts';
import { aProblem, aUser, anAuthResponse } from '../../testing/auth-fixtures';
import { aCall } from '../../testing/call-fixtures';
import { startTestSession } from '../../testing/session';
import { AUTH_ENDPOINTS } from '../auth/auth-endpoints';
import type { AuthStore } from '../auth/auth-store.service';
import { LiveEventsService, EVENT_STREAM_FETCH, EVENTS_ENDPOINT, STALE_STREAM_MS } from './live-events.service';

/** A response body the test writes to, which fails its pending read when the request is aborted, like fetch's. */
class FakeEventStream {
  private readonly encoder = new TextEncoder();
  private readonly queue: Uint8Array[] = [];
  private waiting: {
    resolve: (result: ReadableStreamReadResult<Uint8Array>) => void;
    reject: (error: unknown) => void;
  } | null = null;
  private ended = false;
  private failure: unknown = null;

  constructor(readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.fail(new DOMException('Aborted', 'AbortError')));
  }

  write(text: string): void {
    const chunk = this.encoder.encode(text);
    if (this.waiting) {
      this.waiting.resolve({ done: false, value: chunk });
      this.waiting = null;
    } else {
      this.queue.push(chunk);
    }
  }

  end(): void {
    this.ended = true;
    this.waiting?.resolve({ done: true, value: undefined });
    this.waiting = null;
  }

  fail(error: unknown): void {
    this.failure = error;
    this.waiting?.reject(error);
    this.waiting = null;
  }

  readonly reader = {
    read: (): Promise<ReadableStreamReadResult<Uint8Array>> => {
      const next = this.queue.shift();
      if (next) return Promise.resolve({ done: false, value: next });
      if (this.failure) return Promise.reject(this.failure);
      if (this.ended) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
    },
    cancel: () => Promise.resolve(),
  };
}

interface Attempt {
  init: RequestInit;
  stream: FakeEventStream;
}

type Reply = 'open' | 'network-error' | 401 | 503;

describe('LiveEventsService', () => {
  let attempts: Attempt[];
  let replies: Reply[];
  let httpMock: HttpTestingController;
  let store: AuthStore;

  const fakeFetch = jest.fn((_url: string, init: RequestInit): Promise<Response> => {
    const stream = new FakeEventStream(init.signal as AbortSignal);
    attempts.push({ init, stream });
    const reply = replies.shift() ?? 'open';
    if (reply === 'network-error') {
      return Promise.reject(new TypeError('Failed to fetch'));
    }
    const status = reply === 'open' ? 200 : reply;
    return Promise.resolve({
      ok: status === 200,
      status,
      body: { getReader: () => stream.reader, cancel: () => Promise.resolve() },
    } as unknown as Response);
  });

  const lastAttempt = () => attempts[attempts.length - 1];
  const authorizationOf = (attempt: Attempt) => (attempt.init.headers as Record<string, string>)['Authorization'];

  /** Lets the service's promise chains run. */
  const settle = () => jest.advanceTimersByTimeAsync(0);

  async function startService(): Promise<LiveEventsService> {
    store = startTestSession(aUser(), 'access-1');
    const service = TestBed.inject(LiveEventsService);
    TestBed.tick(); // the session effect opens the stream
    await settle();
    return service;
  }

  beforeEach(() => {
    jest.useFakeTimers();
    attempts = [];
    replies = [];
    fakeFetch.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: EVENT_STREAM_FETCH, useValue: fakeFetch },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(LiveEventsService).stop();
    httpMock.verify();
    jest.useRealTimers();
  });

  it('stays closed until a session exists', async () => {
    TestBed.inject(LiveEventsService);
    TestBed.tick();
    await settle();
    expect(fakeFetch).not.toHaveBeenCalled();
  });

  it('opens the stream with the access token once signed in and publishes call updates', async () => {
    const service = await startService();
    const updates: Call[] = [];
    service.callUpdates$.subscribe((call) => updates.push(call));

    expect(fakeFetch).toHaveBeenCalledTimes(1);
    expect(fakeFetch.mock.calls[0][0]).toBe(EVENTS_ENDPOINT);
    expect(authorizationOf(lastAttempt())).toBe('Bearer access-1');
    expect(service.connected()).toBe(true);

    const call = aCall({ id: 5, status: 'ringing' });
    const frame = `event: call.updated\ndata: ${JSON.stringify(call)}\n\n`;
    lastAttempt().stream.write(': connected\n\n');
    lastAttempt().stream.write(frame.slice(0, 20));
    lastAttempt().stream.write(frame.slice(20));
    await settle();

    expect(updates).toEqual([call]);
  });

  it('routes each event name to its own observable and skips malformed data', async () => {
    const service = await startService();
    const seen: string[] = [];
    service.callUpdates$.subscribe(() => seen.push('call'));
    service.requestUpdates$.subscribe((request) => seen.push(`request ${request.id}`));
    service.activity$.subscribe((entry) => seen.push(`activity ${entry.action}`));

    lastAttempt().stream.write('event: number-request.updated\ndata: {"id":3}\n\n');
    lastAttempt().stream.write('event: activity.created\ndata: {"id":9,"action":"login"}\n\n');
    lastAttempt().stream.write('event: call.updated\ndata: {not json\n\n');
    await settle();

    expect(seen).toEqual(['request 3', 'activity login']);
  });

  it('reconnects after a drop with backoff of 1 s, 2 s, 4 s, 8 s, then at most 15 s', async () => {
    const service = await startService();
    replies.push('network-error', 'network-error', 'network-error', 'network-error', 'network-error', 'network-error');
    lastAttempt().stream.end(); // the server went away
    await settle();
    expect(service.connected()).toBe(false);

    for (const delay of [1_000, 2_000, 4_000, 8_000, 15_000, 15_000]) {
      const before = fakeFetch.mock.calls.length;
      await jest.advanceTimersByTimeAsync(delay - 1);
      expect(fakeFetch).toHaveBeenCalledTimes(before);
      await jest.advanceTimersByTimeAsync(1);
      expect(fakeFetch).toHaveBeenCalledTimes(before + 1);
    }
  });

  it('announces a re-opened stream, so pages re-fetch, and starts the backoff over', async () => {
    const service = await startService();
    let reconnections = 0;
    service.reconnected$.subscribe(() => reconnections++);

    replies.push(503);
    lastAttempt().stream.fail(new TypeError('network changed'));
    await jest.advanceTimersByTimeAsync(1_000); // 503
    await jest.advanceTimersByTimeAsync(2_000); // open
    expect(service.connected()).toBe(true);
    expect(reconnections).toBe(1);

    lastAttempt().stream.end();
    await settle();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(fakeFetch).toHaveBeenCalledTimes(4);
    expect(reconnections).toBe(2);
  });

  it('replaces a connection that fell silent for three missed heartbeats', async () => {
    const service = await startService();
    await jest.advanceTimersByTimeAsync(STALE_STREAM_MS - 1_000);
    lastAttempt().stream.write(': ping\n\n'); // a heartbeat keeps it alive
    await jest.advanceTimersByTimeAsync(STALE_STREAM_MS - 1_000);
    expect(lastAttempt().init.signal?.aborted).toBe(false);

    await jest.advanceTimersByTimeAsync(1_000);
    expect(attempts[0].init.signal?.aborted).toBe(true);
    expect(service.connected()).toBe(false);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(fakeFetch).toHaveBeenCalledTimes(2);
  });

  it('refreshes the session on a 401 (through the store) and reconnects with the new token', async () => {
    replies.push(401);
    const service = await startService();

    const refresh = httpMock.expectOne(AUTH_ENDPOINTS.refresh);
    refresh.flush(anAuthResponse(aUser(), 'access-2'));
    await settle();

    expect(fakeFetch).toHaveBeenCalledTimes(2);
    expect(authorizationOf(lastAttempt())).toBe('Bearer access-2');
    expect(service.connected()).toBe(true);
  });

  it('backs off instead of refreshing again when the fresh token is refused too', async () => {
    replies.push(401, 401);
    await startService();
    httpMock.expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse(aUser(), 'access-2'));
    await settle();

    expect(fakeFetch).toHaveBeenCalledTimes(2);
    httpMock.expectNone(AUTH_ENDPOINTS.refresh);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(fakeFetch).toHaveBeenCalledTimes(3);
  });

  it('stops and sends the user to sign in when the session cannot be refreshed', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    replies.push(401);
    const service = await startService();

    httpMock
      .expectOne(AUTH_ENDPOINTS.refresh)
      .flush(aProblem(401, 'Session revoked'), { status: 401, statusText: 'Unauthorized' });
    TestBed.tick();
    await jest.advanceTimersByTimeAsync(60_000);

    expect(store.isAuthenticated()).toBe(false);
    expect(service.connected()).toBe(false);
    expect(fakeFetch).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalled();
  });

  it('closes the stream on sign-out and never reconnects', async () => {
    const service = await startService();
    store.signOut().subscribe();
    httpMock.expectOne(AUTH_ENDPOINTS.logout).flush(null, { status: 204, statusText: 'No Content' });
    TestBed.tick();
    await settle();

    expect(lastAttempt().init.signal?.aborted).toBe(true);
    expect(service.connected()).toBe(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(fakeFetch).toHaveBeenCalledTimes(1);
  });

  it('reconnects at once when the browser comes back online', async () => {
    await startService();
    replies.push('network-error');
    lastAttempt().stream.end();
    await jest.advanceTimersByTimeAsync(1_000); // first retry fails; the next waits 2 s
    expect(fakeFetch).toHaveBeenCalledTimes(2);

    window.dispatchEvent(new Event('online'));
    await settle();
    expect(fakeFetch).toHaveBeenCalledTimes(3);
  });
});
