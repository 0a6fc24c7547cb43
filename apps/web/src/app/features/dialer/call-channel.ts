import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, type Signal } from '@angular/core';
import type { Call } from '@hh/contracts';
import { catchError, concat, defer, EMPTY, from, type Observable, of, switchMap, throwError } from 'rxjs';
import { SoftphoneError } from '../../core/softphone/softphone-errors';
import { SoftphoneService } from '../../core/softphone/softphone.service';
import { hangUpStatusFor } from '../../shared/format/call-status';
import { CallsApiService } from '../../shared/calls/calls-api.service';

/**
 * How the dialer's call reaches the line. The call row is the same in both modes (POST /calls creates it, live
 * events move it); what differs is who carries the call: the API's mock provider, or this browser's softphone.
 */
export interface CallChannel {
  /** Why calls cannot be placed right now (shown by the disabled Call button), or null when they can. */
  readonly unavailable: Signal<string | null>;
  /** A call this channel carries that the dialer did not place (answered here, or placed for the API). */
  readonly carriedCallId: Signal<number | null>;
  /** Why the line refused or lost this call, when it says more than the call's final status. */
  failureOf(callId: number): string | null;
  /** Runs POST /calls (`post`), which creates the row of a call this page then connects. */
  create(post: Observable<Call>): Observable<Call>;
  /** Puts a call POST /calls created on the line; completes once it is on its way. */
  connect(call: Call): Observable<void>;
  /** Ends the call; emits the row when the API ended it, nothing when the line did (the row follows live). */
  hangUp(call: Call): Observable<Call>;
  sendDigit(call: Call, digit: string): Observable<void>;
  setMuted(muted: boolean): void;
  setHeld(held: boolean): Promise<void>;
}

/** Mock mode: the API places and ends calls and takes the tones; mute and hold are the page's own state. */
@Injectable({ providedIn: 'root' })
export class ApiCallChannel implements CallChannel {
  private readonly api = inject(CallsApiService);
  private readonly softphone = inject(SoftphoneService);

  readonly unavailable = computed(() =>
    this.softphone.detecting() ? 'Checking how calls are connected on this server…' : null,
  );
  /** An inbound call answered from the incoming-call panel (POST /calls/{id}/answer): the dialer follows it. */
  readonly carriedCallId = computed(() => {
    const call = this.softphone.call();
    return call && call.direction === 'incoming' && call.phase !== 'ended' ? call.callId : null;
  });

  failureOf(): string | null {
    return null;
  }

  create(post: Observable<Call>): Observable<Call> {
    return post;
  }

  connect(): Observable<void> {
    return EMPTY;
  }

  /**
   * Hangs up with the transition the call's status allows (canceled before the answer, completed after it). If the
   * call moved on meanwhile (409), it is re-read and, when still live, hung up with the transition that now applies.
   */
  hangUp(call: Call): Observable<Call> {
    const status = hangUpStatusFor(call.status);
    if (!status) {
      return EMPTY;
    }
    return this.api.hangUp(call.id, status).pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || error.status !== 409) {
          return throwError(() => error);
        }
        return this.api.get(call.id).pipe(
          switchMap((fresh) => {
            const next = hangUpStatusFor(fresh.status);
            return next && next !== status ? concat(of(fresh), this.api.hangUp(fresh.id, next)) : of(fresh);
          }),
        );
      }),
    );
  }

  sendDigit(call: Call, digit: string): Observable<void> {
    return this.api.sendDigits(call.id, digit);
  }

  setMuted(): void {
    // Nothing to mute: the mock carries no audio.
  }

  setHeld(): Promise<void> {
    return Promise.resolve();
  }
}

/** SIP codes whose meaning the call's final status already tells (busy, no answer, canceled). */
const TOLD_BY_STATUS = new Set([486, 600, 603, 408, 480, 487]);

/** Sip mode: this browser's softphone carries the call; the API only records it. */
@Injectable({ providedIn: 'root' })
export class SipCallChannel implements CallChannel {
  private readonly softphone = inject(SoftphoneService);
  private readonly api = inject(ApiCallChannel);

  readonly unavailable = this.softphone.unavailable;
  readonly carriedCallId = computed(() => {
    const call = this.softphone.call();
    return call && call.phase !== 'ended' ? call.callId : null;
  });

  failureOf(callId: number): string | null {
    const call = this.softphone.call();
    const failure = call?.callId === callId ? call.failure : null;
    return failure && !TOLD_BY_STATUS.has(failure.code ?? 0) ? failure.message : null;
  }

  create(post: Observable<Call>): Observable<Call> {
    return this.softphone.creating(post);
  }

  /** The INVITE; dial() asks for the call's cross-tab lock at once, within the POST's answer. */
  connect(call: Call): Observable<void> {
    return from(this.softphone.dial(call)).pipe(switchMap(() => EMPTY));
  }

  /** The session's CANCEL or BYE; without a session here (a call from before a reload), the API hangs up. */
  hangUp(call: Call): Observable<Call> {
    return defer(() => (this.softphone.hangUp(call.id) ? EMPTY : this.api.hangUp(call)));
  }

  sendDigit(_call: Call, digit: string): Observable<void> {
    return defer(() =>
      this.softphone.sendDigit(digit)
        ? of(undefined)
        : throwError(() => new SoftphoneError('failed', 'No answered call to send the tone in.')),
    );
  }

  setMuted(muted: boolean): void {
    this.softphone.setMuted(muted);
  }

  setHeld(held: boolean): Promise<void> {
    return this.softphone.setHeld(held);
  }
}
