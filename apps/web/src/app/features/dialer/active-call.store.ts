import { computed, DestroyRef, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { Call, PlaceCallRequest } from '@hh/contracts';
import { catchError, concat, EMPTY, finalize, type Observable, of, switchMap, tap, timer } from 'rxjs';
import { LiveEventsService } from '../../core/live-events/live-events.service';
import { SoftphoneService } from '../../core/softphone/softphone.service';
import { hangUpStatusFor, isFinalCallStatus } from '../../shared/format/call-status';
import { newIdempotencyKey } from '../../shared/http/idempotency-key';
import { isNewerOrSame } from '../../shared/calls/call-list-updates';
import { CallsApiService } from '../../shared/calls/calls-api.service';
import { ApiCallChannel, type CallChannel, SipCallChannel } from './call-channel';

/** While the live stream is down, the live call is polled this often instead. */
export const ACTIVE_CALL_POLL_MS = 3_000;
/**
 * Even with the stream up, the live call is re-read this often: a stream can look healthy and still miss events
 * (a server instance that is shutting down keeps its heartbeats going), and a call must never look stuck.
 */
export const ACTIVE_CALL_SAFETY_POLL_MS = 10_000;

/**
 * The dialer's call: placed here, followed live (from the event stream, or by polling while the stream is down),
 * timed from the moment it is answered, and hung up. What carries the call is the channel's business (call-channel.ts):
 * the API's mock, where mute and hold are the page's own state, or the browser softphone in sip mode, which also
 * brings calls answered here or placed for the API. Provided by the dialer page.
 */
@Injectable()
export class ActiveCallStore {
  private readonly api = inject(CallsApiService);
  private readonly events = inject(LiveEventsService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly softphone = inject(SoftphoneService);
  private readonly sipChannel = inject(SipCallChannel);
  private readonly apiChannel = inject(ApiCallChannel);
  /** The one place the provider matters. */
  private readonly channel = computed<CallChannel>(() =>
    this.softphone.sipMode() ? this.sipChannel : this.apiChannel,
  );

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
  /** Why hold did not take. */
  readonly controlError = signal<string | null>(null);
  /** Why calls cannot be placed right now (the softphone is offline…), or null. */
  readonly unavailable = computed(() => this.channel().unavailable());
  /** Why the line refused or lost the current call, when its status does not say it. */
  readonly lineFailure = computed(() => {
    const call = this.current();
    return call ? this.channel().failureOf(call.id) : null;
  });

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

    // A call the channel carries without this page placing it (answered on another page, placed for the API).
    effect(() => {
      const carried = this.channel().carriedCallId();
      untracked(() => {
        if (carried !== null && carried !== this.current()?.id && !this.dialing()) {
          this.adopt(carried);
        }
      });
    });

    this.destroyRef.onDestroy(() => this.stopTicking());
  }

  /**
   * Places a call with a fresh idempotency key and puts it on the line. The returned observable emits the call, and
   * fails with the API's refusal, or with the softphone's (a SoftphoneError: offline, the microphone refused).
   */
  place(request: PlaceCallRequest): Observable<Call> {
    this.early.clear();
    this.current.set(null);
    this.resetCallState();
    this.dialing.set(true);
    const channel = this.channel();
    return channel.create(this.api.place(request, newIdempotencyKey())).pipe(
      tap((call) => this.follow(call)),
      switchMap((call) => concat(of(call), channel.connect(call).pipe(switchMap(() => EMPTY)))),
      finalize(() => this.dialing.set(false)),
    );
  }

  /** Takes over a call that is still live (e.g. placed before the page was reloaded). */
  resume(call: Call): void {
    if (!this.busy() && !isFinalCallStatus(call.status)) {
      this.follow(call);
    }
  }

  /** Hangs up: the row's final status comes back in the answer (mock) or from live events (the line ended it). */
  hangUp(): Observable<Call> {
    const call = this.current();
    if (!call || !hangUpStatusFor(call.status) || this.hangingUp()) {
      return EMPTY;
    }
    this.hangingUp.set(true);
    return this.channel()
      .hangUp(call)
      .pipe(
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
    this.channel()
      .sendDigit(call, digit)
      .subscribe({
        error: () => this.digitsError.set(`The tone ${digit} could not be sent.`),
      });
  }

  toggleMute(): void {
    const muted = !this.muted();
    this.channel().setMuted(muted);
    this.muted.set(muted);
  }

  toggleHold(): void {
    const held = !this.held();
    this.held.set(held);
    this.controlError.set(null);
    this.channel()
      .setHeld(held)
      .catch((error: unknown) => {
        this.held.set(!held);
        this.controlError.set(error instanceof Error ? error.message : 'The call could not be put on hold.');
      });
  }

  /** Forgets the ended call, e.g. when a new number is dialled. */
  clearEnded(): void {
    if (!this.busy()) {
      this.current.set(null);
    }
  }

  /** Shows a call the channel carries: read its row, then follow it like a call placed here. */
  private adopt(callId: number): void {
    this.api
      .get(callId)
      .pipe(
        catchError(() => EMPTY),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((call) => {
        if (!isFinalCallStatus(call.status) && this.current()?.id !== call.id && !this.dialing()) {
          this.follow(call);
        }
      });
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
    this.controlError.set(null);
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
