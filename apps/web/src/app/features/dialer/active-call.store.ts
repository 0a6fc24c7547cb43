import { HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { Call, PlaceCallRequest } from '@hh/contracts';
import { catchError, EMPTY, finalize, type Observable, of, switchMap, tap, throwError, timer } from 'rxjs';
import { LiveEventsService } from '../../core/live-events/live-events.service';
import { hangUpStatusFor, isFinalCallStatus } from '../../shared/format/call-status';
import { newIdempotencyKey } from '../../shared/http/idempotency-key';
import { isNewerOrSame } from '../../shared/calls/call-list-updates';
import { CallsApiService } from '../../shared/calls/calls-api.service';

/** While the live stream is down, the live call is polled this often instead. */
export const ACTIVE_CALL_POLL_MS = 3_000;
/**
 * Even with the stream up, the live call is re-read this often: a stream can look healthy and still miss events
 * (a server instance that is shutting down keeps its heartbeats going), and a call must never look stuck.
 */
export const ACTIVE_CALL_SAFETY_POLL_MS = 10_000;

/**
 * The dialer's call: placed here, followed live (from the event stream, or by polling while the stream is down),
 * timed from the moment it is answered, and hung up. Mute and hold are local UI state: the mock provider carries no
 * media. Provided by the dialer page.
 */
@Injectable()
export class ActiveCallStore {
  private readonly api = inject(CallsApiService);
  private readonly events = inject(LiveEventsService);
  private readonly destroyRef = inject(DestroyRef);

  private readonly current = signal<Call | null>(null);
  /** When the call was seen entering in_progress (ms since epoch): the timer counts from here. */
  private readonly answeredAt = signal<number | null>(null);
  private readonly now = signal(Date.now());
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** Updates for calls not known yet: the stream can be faster than the answer to the POST that created the call. */
  private readonly early = new Map<number, Call>();

  /** The call being placed, in progress, or just ended (until the next one). */
  readonly call = this.current.asReadonly();
  /** A dial request is on its way. */
  readonly dialing = signal(false);
  readonly hangingUp = signal(false);
  readonly muted = signal(false);
  readonly held = signal(false);
  /** DTMF tones sent during this call. */
  readonly sentDigits = signal('');
  readonly digitsError = signal<string | null>(null);

  /** A call is being placed or is live (not yet final). */
  readonly busy = computed(() => this.dialing() || this.live());
  readonly live = computed(() => {
    const call = this.current();
    return !!call && !isFinalCallStatus(call.status);
  });
  readonly inProgress = computed(() => this.current()?.status === 'in_progress');
  readonly elapsedSeconds = computed(() => {
    const answeredAt = this.answeredAt();
    return answeredAt === null ? 0 : Math.max(0, Math.floor((this.now() - answeredAt) / 1000));
  });

  constructor() {
    this.events.callUpdates$.pipe(takeUntilDestroyed()).subscribe((call) => this.receive(call));
    this.events.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => this.refetch());

    // Polling while a call is live: often while the stream is down, now and then while it is up.
    const pollEvery = computed(() =>
      !this.live() ? null : this.events.connected() ? ACTIVE_CALL_SAFETY_POLL_MS : ACTIVE_CALL_POLL_MS,
    );
    toObservable(pollEvery)
      .pipe(
        switchMap((period) => (period === null ? EMPTY : timer(period, period))),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.refetch());

    this.destroyRef.onDestroy(() => this.stopTicking());
  }

  /** Places a call with a fresh idempotency key; the returned observable fails with the API's refusal. */
  place(request: PlaceCallRequest): Observable<Call> {
    this.early.clear();
    this.current.set(null);
    this.resetCallState();
    this.dialing.set(true);
    return this.api.place(request, newIdempotencyKey()).pipe(
      tap((call) => this.follow(call)),
      finalize(() => this.dialing.set(false)),
    );
  }

  /** Takes over a call that is still live (e.g. placed before the page was reloaded). */
  resume(call: Call): void {
    if (!this.busy() && !isFinalCallStatus(call.status)) {
      this.follow(call);
    }
  }

  /**
   * Hangs up with the transition the call's status allows (canceled before the answer, completed after it). If the
   * call moved on meanwhile (409), it is re-read and, when still live, hung up with the transition that now applies.
   */
  hangUp(): Observable<Call> {
    const call = this.current();
    const status = call ? hangUpStatusFor(call.status) : null;
    if (!call || !status || this.hangingUp()) {
      return EMPTY;
    }
    this.hangingUp.set(true);
    return this.api.hangUp(call.id, status).pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || error.status !== 409) {
          return throwError(() => error);
        }
        return this.api.get(call.id).pipe(
          switchMap((fresh) => {
            this.receive(fresh);
            const next = hangUpStatusFor(fresh.status);
            return next && next !== status ? this.api.hangUp(fresh.id, next) : of(fresh);
          }),
        );
      }),
      tap((ended) => this.receive(ended)),
      finalize(() => this.hangingUp.set(false)),
    );
  }

  /** Sends one DTMF tone while the call is answered. */
  sendDigit(digit: string): void {
    const call = this.current();
    if (!call || call.status !== 'in_progress') {
      return;
    }
    this.sentDigits.update((digits) => digits + digit);
    this.digitsError.set(null);
    this.api.sendDigits(call.id, digit).subscribe({
      error: () => this.digitsError.set(`The tone ${digit} could not be sent.`),
    });
  }

  toggleMute(): void {
    this.muted.update((muted) => !muted);
  }

  toggleHold(): void {
    this.held.update((held) => !held);
  }

  /** Forgets the ended call, e.g. when a new number is dialled. */
  clearEnded(): void {
    if (!this.busy()) {
      this.current.set(null);
    }
  }

  private follow(call: Call): void {
    this.resetCallState();
    this.current.set(call);
    this.onStatus(call, null);
    const early = this.early.get(call.id);
    this.early.clear();
    if (early) {
      this.receive(early);
    }
  }

  private receive(update: Call): void {
    const call = this.current();
    if (!call || call.id !== update.id) {
      if (this.dialing()) {
        this.early.set(update.id, update);
      }
      return;
    }
    if (!isNewerOrSame(update, call)) {
      return;
    }
    this.current.set(update);
    this.onStatus(update, call);
  }

  private onStatus(call: Call, previous: Call | null): void {
    if (call.status === 'in_progress' && previous?.status !== 'in_progress') {
      this.answeredAt.set(Date.now());
      this.now.set(Date.now());
      this.startTicking();
    }
    if (isFinalCallStatus(call.status)) {
      this.stopTicking();
      this.muted.set(false);
      this.held.set(false);
    }
  }

  private refetch(): void {
    const call = this.current();
    if (call && !isFinalCallStatus(call.status)) {
      this.api
        .get(call.id)
        .pipe(catchError(() => EMPTY))
        .subscribe((fresh) => this.receive(fresh));
    }
  }

  private resetCallState(): void {
    this.stopTicking();
    this.answeredAt.set(null);
    this.muted.set(false);
    this.held.set(false);
    this.sentDigits.set('');
    this.digitsError.set(null);
  }

  private startTicking(): void {
    this.stopTicking();
    // Half-second ticks keep the display within half a second of the truth without drifting.
    this.ticker = setInterval(() => this.now.set(Date.now()), 500);
  }

  private stopTicking(): void {
    if (this.ticker !== null) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }
}
