import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, DOCUMENT, effect, inject, Injectable, Injector, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type Call, canUseTelephony, hasPermission, type SipCredentials, type TelephonyInfo } from '@hh/contracts';
import { catchError, defer, EMPTY, finalize, firstValueFrom, type Observable } from 'rxjs';
import { isFinalCallStatus } from '../../shared/format/call-status';
import { formatPhoneNumber } from '../../shared/format/phone';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { CallsApiService } from '../../shared/calls/calls-api.service';
import { AuthStore } from '../auth/auth-store.service';
import { LiveEventsService } from '../live-events/live-events.service';
import { AudioOutputService } from './audio-output.service';
import { CallNotificationsService } from './call-notifications.service';
import { afterPlacingTabs, claimDialLock, holdPlacingLock } from './dial-lock';
import { RingtoneService } from './ringtone.service';
import { SoftphoneError } from './softphone-errors';
import { AUDIO_ONLY, openMicrophone, SOFTPHONE_MEDIA, stopStream } from './softphone-media';
import {
  SIP_UA_FACTORY,
  type SipEndEvent,
  type SipNewSessionEvent,
  type SipRegistrationFailedEvent,
  type SipSession,
  type SipUserAgent,
} from './sip-user-agent';
import { sipUserOf, TELEPHONY_ENDPOINTS } from './telephony-endpoints';

export type SoftphoneStatus = 'offline' | 'connecting' | 'online' | 'error';

export interface SoftphoneState {
  status: SoftphoneStatus;
  /** Why it is not online, in words; null when there is nothing to say. */
  reason: string | null;
}

/** connecting: the INVITE is out (or the answer is being set up); ringing: the far end rings; ended: over. */
export type SoftphoneCallPhase = 'connecting' | 'ringing' | 'answered' | 'ended';

/** The call this browser carries: placed here, or answered here. */
export interface SoftphoneCall {
  readonly key: number;
  /** The portal's call row: the one dialled, or for an answered call the callee's row (X-HH-Call-Id). */
  readonly callId: number | null;
  /** The SIP Call-ID (the row's callSid). */
  readonly sipCallId: string;
  readonly direction: 'outgoing' | 'incoming';
  readonly phase: SoftphoneCallPhase;
  /** Why the SIP side refused or lost the call ("Caller ID is not yours (403)"); null for an ordinary end. */
  readonly failure: { code: number | null; message: string } | null;
}

/**
 * A call ringing this browser, from either provider: a JsSIP session (sip), or a `call.incoming` event (mock), which
 * rings every tab of mine and is answered and declined through the API.
 */
export interface IncomingCall {
  readonly key: number;
  /** The callee's call row (sip: X-HH-Call-Id, null when the header is missing; mock: the event's call). */
  readonly callId: number | null;
  /** The caller's number (X-HH-Caller-Number, or the call's fromNumber), E.164 when it came from the portal or the trunk. */
  readonly callerNumber: string;
  /** Which of my numbers was called (X-HH-Called-Number, or the call's toNumber). */
  readonly calledNumber: string | null;
  /** It rang while another call was live: call waiting, offered to decline only. */
  readonly waiting: boolean;
  /** Answering failed (the microphone): the panel says why, and the call keeps ringing until it ends. */
  readonly problem: string | null;
}

/** Until the credentials' expiry is this close, they are renewed (when no call is live). */
export const CREDENTIAL_RENEW_LEAD_MS = 5 * 60_000;
/** Retries after a failed start (the API, credentials, loading JsSIP): 2 s, 4 s … at most 60 s. */
export const RETRY_BASE_MS = 2_000;
export const RETRY_MAX_MS = 60_000;
/** How long a hidden tab lets the visible ones claim a call.dial first. */
export const HIDDEN_TAB_DIAL_DELAY_MS = 500;
/** Decline is "busy", not JsSIP's default 480, which the API would record as a missed (no answer) call. */
export const DECLINE_STATUS = { status_code: 486, reason_phrase: 'Busy Here' } as const;

/**
 * The API ends an unanswered mock call after 25 s (no_answer): a card still ringing a little later missed that
 * call.updated (the stream dropped), so the call is read again.
 */
export const MOCK_RING_CHECK_MS = 27_000;

/** The localStorage flag that exposes window.__hhSoftphone to the Playwright telephony specs. */
export const E2E_FLAG_KEY = 'hh.e2e';

/** What window.__hhSoftphone exposes (only with the e2e flag): enough to measure the received audio. */
export interface SoftphoneTestHook {
  remoteStream(): MediaStream | null;
  /** The SIP Call-ID of the current (or last) call. */
  callId(): string | null;
  state(): SoftphoneStatus;
}

interface Leg {
  key: number;
  session: SipSession;
  direction: 'outgoing' | 'incoming';
  callId: number | null;
  sipCallId: string;
  phase: SoftphoneCallPhase;
  /** Accepted here (incoming) or placed here (outgoing): the leg is the softphone's current call. */
  mine: boolean;
  microphone: MediaStream | null;
  remote: MediaStream | null;
  /** Resolves when the leg ends: releases the cross-tab dial lock. */
  release: () => void;
}

/** A mock call ringing here: answered and declined through the API. */
interface MockRinging {
  callId: number;
  check: ReturnType<typeof setTimeout>;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** "123" → 123; anything else → null. */
function callIdHeader(value: string | undefined): number | null {
  return value && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

/** The failure worth telling: a refusal or loss from the far side, with its SIP code. Our own hang-up is no failure. */
function failureOf(event: SipEndEvent): SoftphoneCall['failure'] {
  if (event.originator === 'local') {
    return null;
  }
  const code = event.message?.status_code ?? null;
  const reason = event.message?.reason_phrase?.trim() || event.cause;
  return { code, message: code ? `${reason} (${code})` : reason };
}

/**
 * The browser softphone of VOIP_PROVIDER=sip (docs/telephony.md): for a signed-in, active user it asks the API
 * whether calls go through SIP and, if so, fetches short-lived SIP credentials and runs one JsSIP UA registered
 * with Kamailio. It places the calls the dialer (or the API, through `call.dial`) created, answers and declines
 * incoming ones, and plays the far end through an <audio> element on the chosen output.
 *
 * The connection looks after itself: JsSIP reconnects after a network drop or a Kamailio restart (1 s, then up to
 * 10 s apart) and registers again; credentials are renewed before they expire, between calls; a refused
 * registration fetches new ones. It stops on sign-out. In mock mode it does nothing after asking the API.
 *
 * Started once by the signed-in shell (enable()), so that incoming calls ring on every page.
 */
@Injectable({ providedIn: 'root' })
export class SoftphoneService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);
  private readonly events = inject(LiveEventsService);
  private readonly calls = inject(CallsApiService);
  private readonly createUserAgent = inject(SIP_UA_FACTORY);
  private readonly media = inject(SOFTPHONE_MEDIA);
  private readonly output = inject(AudioOutputService);
  private readonly ringtone = inject(RingtoneService);
  private readonly notifications = inject(CallNotificationsService);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private readonly document = inject(DOCUMENT);

  private readonly stateSignal = signal<SoftphoneState>({ status: 'offline', reason: null });
  private readonly providerSignal = signal<TelephonyInfo['provider'] | null>(null);
  private readonly callSignal = signal<SoftphoneCall | null>(null);
  private readonly incomingSignal = signal<IncomingCall[]>([]);
  private readonly remoteStreamSignal = signal<MediaStream | null>(null);

  /** Registration: online when calls can be placed and received. */
  readonly state = this.stateSignal.asReadonly();
  /** The server's telephony provider; null until known (or while signed out). */
  readonly provider = this.providerSignal.asReadonly();
  readonly sipMode = computed(() => this.providerSignal() === 'sip');
  /** The provider is being asked (calls wait for the answer, since it decides how they are placed). */
  readonly detecting = computed(() => this.running() && this.providerSignal() === null);
  /** The current (or last) call of this browser. */
  readonly call = this.callSignal.asReadonly();
  /** Calls ringing here, oldest first. */
  readonly incoming = this.incomingSignal.asReadonly();
  /** The far end's audio of the current call. */
  readonly remoteStream = this.remoteStreamSignal.asReadonly();
  readonly muted = signal(false);
  readonly held = signal(false);
  /** Something the user should know that no page asked for (a call placed for the API that needed the microphone). */
  readonly notice = signal<string | null>(null);
  /** The browser is asking the user for the microphone (its prompt may sit unanswered): the page says so. */
  readonly awaitingMicrophone = signal(false);
  /** Why calls cannot be placed right now, or null when they can. */
  readonly unavailable = computed(() => {
    const { status, reason } = this.stateSignal();
    if (status === 'online') {
      return null;
    }
    return (
      reason ?? (status === 'connecting' ? 'The phone is connecting to the phone server.' : 'The phone is offline.')
    );
  });

  private readonly running = signal(false);
  private enabled = false;
  /** Bumped by every start and stop: work of an earlier run that finishes late is dropped. */
  private run = 0;
  private userId: number | null = null;
  private ua: SipUserAgent | null = null;
  private credentials: SipCredentials | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private renewWhenIdle = false;
  private keys = 0;
  private readonly legs = new Map<number, Leg>();
  /** Dials under way in this tab (waiting for the lock or the microphone), by call id. */
  private readonly dialing = new Map<number, Promise<SoftphoneCall | null>>();
  /** The INVITE JsSIP announced while `call()` ran: it carries the Call-ID. */
  private lastLocalInvite: SipNewSessionEvent['request'] | null = null;
  private audio: HTMLAudioElement | null = null;
  /** Mock mode: the calls ringing here, by card key. */
  private readonly mockRinging = new Map<number, MockRinging>();
  /** Mock mode: my calls that hold the line (outbound not yet over, inbound answered), by id: call waiting. */
  private readonly mockLive = new Set<number>();

  /** Follows the session from now on: starts for a signed-in active user, stops on sign-out. Idempotent. */
  enable(): void {
    if (this.enabled) {
      return;
    }
    this.enabled = true;
    effect(
      () => {
        const user = this.auth.user();
        const eligible =
          !!user &&
          this.auth.isAuthenticated() &&
          canUseTelephony(user.status) &&
          hasPermission(user.role, 'useClientPortal');
        untracked(() => (eligible && user ? this.start(user.id) : this.stop()));
      },
      { injector: this.injector },
    );
    effect(
      () => {
        const deviceId = this.output.selected();
        untracked(() => this.audio && this.output.apply(this.audio, deviceId));
      },
      { injector: this.injector },
    );
    this.events.callDials$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((call) => void this.placeForApi(call));
    this.events.callIncoming$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((call) => this.ringMock(call));
    this.events.callUpdates$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((call) => this.followMock(call));
    this.events.reconnected$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.recheckMock());
    this.destroyRef.onDestroy(() => this.stop());
    this.exposeTestHook();
  }

  /**
   * Places a call whose row POST /calls created: the INVITE to sip:<toNumber>@<domain> carries the row's id and
   * caller ID. Resolves once the INVITE is on its way (the microphone allowed), or null when another tab of this
   * browser is placing it. Rejects with a SoftphoneError; when the microphone is refused, the row is canceled.
   */
  dial(call: Call): Promise<SoftphoneCall | null> {
    const existing = this.legOf(call.id);
    if (existing) {
      return Promise.resolve(this.snapshot(existing));
    }
    const pending = this.dialing.get(call.id);
    if (pending) {
      return pending;
    }
    const ua = this.ua;
    if (!ua || this.stateSignal().status !== 'online') {
      return Promise.reject(new SoftphoneError('offline', this.unavailable() ?? 'The phone is offline.'));
    }
    if (this.currentLeg() || this.dialing.size > 0) {
      return Promise.reject(new SoftphoneError('busy', 'Another call is in progress in this browser.'));
    }
    const placing = this.placeCall(ua, call).finally(() => this.dialing.delete(call.id));
    this.dialing.set(call.id, placing);
    return placing;
  }

  /**
   * Creates a call this tab will place (`post` is POST /calls): meanwhile the other tabs hold back the `call.dial`
   * the API sends for it, so the call rings out of the tab whose Call button was pressed.
   */
  creating<T>(post: Observable<T>): Observable<T> {
    return defer(() => {
      const done = deferred();
      holdPlacingLock(done.promise);
      return post.pipe(finalize(done.resolve));
    });
  }

  /** Whether this browser carries the call (so hang-up, tones, mute and hold act on its session). */
  carries(callId: number): boolean {
    return this.currentLeg()?.callId === callId;
  }

  /** Ends the current call: CANCEL before the answer, BYE after. False when there is no session to end. */
  hangUp(callId?: number): boolean {
    const leg = this.currentLeg();
    if (!leg || (callId !== undefined && leg.callId !== callId)) {
      return false;
    }
    try {
      leg.session.terminate();
    } catch {
      // Already ending: its ended/failed event follows.
    }
    return true;
  }

  /** Mutes the microphone: the track stops sending (enabled = false) and JsSIP records the mute. */
  setMuted(muted: boolean): void {
    const leg = this.currentLeg();
    if (!leg) {
      return;
    }
    leg.microphone?.getAudioTracks().forEach((track) => (track.enabled = !muted));
    if (muted) {
      leg.session.mute({ audio: true });
    } else {
      leg.session.unmute({ audio: true });
    }
    this.muted.set(muted);
  }

  /** Puts the call on hold (or back) with a re-INVITE; resolves once the far end agreed. */
  setHeld(held: boolean): Promise<void> {
    const leg = this.currentLeg();
    if (!leg || leg.phase !== 'answered') {
      return Promise.reject(new SoftphoneError('failed', 'There is no answered call to hold.'));
    }
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        this.held.set(held);
        resolve();
      };
      const started = held ? leg.session.hold({}, done) : leg.session.unhold({}, done);
      if (!started) {
        reject(new SoftphoneError('failed', 'The call is being updated; try again in a moment.'));
      }
    });
  }

  /**
   * Sends one DTMF tone in the media, as an RFC 4733 telephone-event (RTCDTMFSender; JsSIP calls it RFC2833). Tones
   * in the RTP stream reach any trunk and IVR through rtpengine, where SIP INFO is often dropped. False when there is
   * no answered call to send it in.
   */
  sendDigit(digit: string): boolean {
    const leg = this.currentLeg();
    if (!leg || leg.phase !== 'answered') {
      return false;
    }
    try {
      leg.session.sendDTMF(digit, { transportType: 'RFC2833' });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Answers a ringing call: sip with the microphone (the panel says why when it is refused); mock through the API,
   * after which the call is this browser's current call (the dialer follows it).
   */
  async accept(key: number): Promise<void> {
    if (this.mockRinging.has(key)) {
      return this.acceptMock(key);
    }
    const leg = this.legs.get(key);
    if (!leg || leg.mine || this.currentLeg()) {
      return;
    }
    let microphone: MediaStream;
    try {
      microphone = await this.microphone();
    } catch (error) {
      // It keeps ringing: the user can allow the microphone and accept again before the caller gives up.
      const problem = error instanceof SoftphoneError ? error.message : String(error);
      this.incomingSignal.update((calls) => calls.map((call) => (call.key === key ? { ...call, problem } : call)));
      return;
    }
    if (!this.legs.has(key) || this.currentLeg()) {
      stopStream(microphone); // it ended (or another was answered) while the browser asked
      return;
    }
    this.output.refresh(); // device labels are readable once the microphone is allowed
    leg.microphone = microphone;
    leg.mine = true;
    leg.phase = 'connecting';
    this.incomingSignal.update((calls) =>
      calls.filter((call) => call.key !== key).map((call) => ({ ...call, waiting: true })),
    );
    this.notifications.close(key);
    this.ringtone.stop();
    this.muted.set(false);
    this.held.set(false);
    this.publish(leg);
    try {
      leg.session.answer({
        mediaConstraints: AUDIO_ONLY,
        mediaStream: microphone,
        pcConfig: this.pcConfig(),
      });
    } catch {
      // The caller hung up meanwhile: the session's failed event closes the leg.
    }
  }

  /** Refuses a ringing (or waiting) call as busy. */
  decline(key: number): void {
    const mock = this.mockRinging.get(key);
    if (mock) {
      // The card goes at once; a call that stopped ringing meanwhile (409) was over anyway.
      this.dropMock(key);
      this.calls
        .decline(mock.callId)
        .pipe(catchError(() => EMPTY))
        .subscribe();
      return;
    }
    const leg = this.legs.get(key);
    if (!leg || leg.mine) {
      return;
    }
    try {
      leg.session.terminate(DECLINE_STATUS);
    } catch {
      this.finish(leg, null);
    }
  }

  private start(userId: number): void {
    if (this.userId === userId) {
      return;
    }
    this.stop();
    this.userId = userId;
    this.running.set(true);
    const run = ++this.run;
    this.setState('connecting', null);
    void this.detect(run);
  }

  private stop(): void {
    this.run++;
    this.userId = null;
    this.running.set(false);
    this.clearTimers();
    this.renewWhenIdle = false;
    this.failures = 0;
    for (const leg of [...this.legs.values()]) {
      try {
        leg.session.terminate();
      } catch {
        // Already over.
      }
      this.finish(leg, null);
    }
    const ua = this.ua;
    this.ua = null;
    this.credentials = null;
    try {
      ua?.stop();
    } catch {
      // Nothing to unregister.
    }
    for (const key of [...this.mockRinging.keys()]) {
      this.dropMock(key);
    }
    this.mockLive.clear();
    this.providerSignal.set(null);
    this.callSignal.set(null);
    this.notice.set(null);
    this.setState('offline', null);
  }

  private async detect(run: number): Promise<void> {
    let info: TelephonyInfo;
    try {
      info = await firstValueFrom(this.http.get<TelephonyInfo>(TELEPHONY_ENDPOINTS.telephony));
    } catch (error) {
      if (run !== this.run) {
        return;
      }
      if (error instanceof HttpErrorResponse && error.status === 404) {
        // A server from before real calls: everything is simulated.
        info = { provider: 'mock' };
      } else {
        this.setState('error', 'The phone server could not be reached. Retrying…');
        this.retry(run, () => this.detect(run));
        return;
      }
    }
    if (run !== this.run) {
      return;
    }
    this.failures = 0;
    this.providerSignal.set(info.provider);
    if (info.provider !== 'sip') {
      this.setState('offline', null);
      return;
    }
    await this.connect(run);
  }

  /** Fetches fresh credentials and starts a UA with them, replacing the current one. */
  private async connect(run: number): Promise<void> {
    this.clearTimers();
    if (this.legs.size > 0) {
      // Stopping the UA would end the call: start over once it is over.
      this.renewWhenIdle = true;
      return;
    }
    this.renewWhenIdle = false;
    if (this.stateSignal().status !== 'online') {
      this.setState('connecting', null);
    }
    let credentials: SipCredentials;
    let ua: SipUserAgent;
    try {
      credentials = await firstValueFrom(this.http.get<SipCredentials>(TELEPHONY_ENDPOINTS.sipCredentials));
    } catch {
      if (run === this.run) {
        this.setState('error', 'The phone could not get its credentials from the server. Retrying…');
        this.retry(run, () => this.connect(run));
      }
      return;
    }
    try {
      ua = await this.createUserAgent({
        wsUri: credentials.wsUri,
        uri: `sip:${sipUserOf(credentials)}@${credentials.domain}`,
        authorizationUser: credentials.username,
        password: credentials.password,
      });
    } catch {
      if (run === this.run) {
        this.setState('error', 'The phone could not start in this browser. Retrying…');
        this.retry(run, () => this.connect(run));
      }
      return;
    }
    if (run !== this.run) {
      return;
    }
    const previous = this.ua;
    this.ua = ua;
    this.credentials = credentials;
    this.listen(ua, run);
    ua.start();
    try {
      previous?.stop(); // its events are ignored from here on
    } catch {
      // Already stopped.
    }
    this.scheduleRenewal(run, credentials);
  }

  private listen(ua: SipUserAgent, run: number): void {
    const current = () => run === this.run && ua === this.ua;
    ua.on('connecting', () => {
      if (current() && this.stateSignal().status !== 'online') {
        this.setState('connecting', this.stateSignal().reason);
      }
    });
    ua.on('disconnected', () => {
      if (current()) {
        this.setState('connecting', 'The connection to the phone server was lost. Reconnecting…');
      }
    });
    ua.on('registered', () => {
      if (current()) {
        this.failures = 0;
        this.setState('online', null);
      }
    });
    ua.on('unregistered', () => {
      if (current()) {
        this.setState('connecting', 'The phone is registering again…');
      }
    });
    ua.on('registrationFailed', (event) => {
      if (current()) {
        this.registrationFailed(run, event);
      }
    });
    ua.on('newRTCSession', (event) => {
      if (!current()) {
        return;
      }
      if (event.originator === 'local') {
        this.lastLocalInvite = event.request;
      } else {
        this.ring(event);
      }
    });
  }

  private registrationFailed(run: number, event: SipRegistrationFailedEvent): void {
    const code = event.response?.status_code;
    const cause = event.cause ?? 'unknown cause';
    if (cause === 'Connection Error') {
      // JsSIP reconnects by itself and registers again once connected.
      this.setState('connecting', 'The phone server cannot be reached. Reconnecting…');
      return;
    }
    // Refused credentials (expired, or a server secret that changed) or a server failure: start over with new ones.
    this.setState(
      'error',
      `The phone server refused the registration (${code ? `${cause}, ${code}` : cause}). Retrying…`,
    );
    this.retry(run, () => this.connect(run));
  }

  private async placeCall(ua: SipUserAgent, call: Call): Promise<SoftphoneCall | null> {
    const ended = deferred();
    // One tab per browser places a call: a `call.dial` reaches every tab, and the dialer's own tab may race them.
    if (!(await claimDialLock(call.id, ended.promise))) {
      return null;
    }
    let microphone: MediaStream;
    try {
      microphone = await this.microphone();
    } catch (error) {
      ended.resolve();
      this.cancelRow(call);
      throw error;
    }
    const credentials = this.credentials;
    if (ua !== this.ua || !credentials || this.currentLeg()) {
      stopStream(microphone);
      ended.resolve();
      this.cancelRow(call);
      throw new SoftphoneError('offline', this.unavailable() ?? 'The phone went offline.');
    }
    this.output.refresh();
    const leg: Leg = {
      key: ++this.keys,
      session: null as unknown as SipSession,
      direction: 'outgoing',
      callId: call.id,
      sipCallId: '',
      phase: 'connecting',
      mine: true,
      microphone,
      remote: null,
      release: ended.resolve,
    };
    this.lastLocalInvite = null;
    try {
      leg.session = ua.call(`sip:${call.toNumber}@${credentials.domain}`, {
        mediaConstraints: AUDIO_ONLY,
        mediaStream: microphone,
        pcConfig: this.pcConfig(),
        extraHeaders: [`X-HH-Call-Id: ${call.id}`, `X-HH-Caller-Id: ${call.fromNumber}`],
        // The peer connection is created inside call(): listeners added after it returns would miss it.
        eventHandlers: { peerconnection: ({ peerconnection }) => this.watchRemoteAudio(leg, peerconnection) },
      });
    } catch (error) {
      stopStream(microphone);
      ended.resolve();
      this.cancelRow(call);
      throw new SoftphoneError('failed', `The call could not be started: ${String(error)}`);
    }
    leg.sipCallId = this.takeLocalInvite()?.call_id ?? '';
    this.legs.set(leg.key, leg);
    this.follow(leg);
    this.muted.set(false);
    this.held.set(false);
    this.publish(leg);
    return this.snapshot(leg);
  }

  /** A call created through the API: placed by the first online tab, quietly skipped otherwise. */
  private async placeForApi(call: Call): Promise<void> {
    if (this.document.hidden) {
      // A visible tab (the one the user looks at) places it if there is one: hidden ones ask for the lock later.
      await new Promise((resolve) => setTimeout(resolve, HIDDEN_TAB_DIAL_DELAY_MS));
    }
    await afterPlacingTabs(); // a tab creating a call places it itself
    if (call.status !== 'initiated' || this.stateSignal().status !== 'online' || this.currentLeg()) {
      return; // another softphone of mine may take it; the API fails it if none does
    }
    try {
      await this.dial(call);
    } catch (error) {
      if (error instanceof SoftphoneError && error.aboutMicrophone) {
        this.notice.set(`A call to ${formatPhoneNumber(call.toNumber)} could not be placed. ${error.message}`);
      }
    }
  }

  private ring(event: SipNewSessionEvent): void {
    const { session, request } = event;
    const waiting = !!this.currentLeg();
    const leg: Leg = {
      key: ++this.keys,
      session,
      direction: 'incoming',
      callId: callIdHeader(request.getHeader('X-HH-Call-Id')),
      sipCallId: request.call_id,
      phase: 'ringing',
      mine: false,
      microphone: null,
      remote: null,
      release: () => undefined,
    };
    this.legs.set(leg.key, leg);
    session.on('peerconnection', ({ peerconnection }) => this.watchRemoteAudio(leg, peerconnection));
    this.follow(leg);
    const incoming: IncomingCall = {
      key: leg.key,
      callId: leg.callId,
      callerNumber: request.getHeader('X-HH-Caller-Number')?.trim() ?? '',
      calledNumber: request.getHeader('X-HH-Called-Number')?.trim() || null,
      waiting,
      problem: null,
    };
    this.announce(incoming);
  }

  /** A new card, from either provider: it rings (when the page may play sound) and, in a hidden tab, notifies. */
  private announce(incoming: IncomingCall): void {
    this.incomingSignal.update((calls) => [...calls, incoming]);
    if (!incoming.waiting) {
      this.ringtone.start();
      if (this.document.hidden) {
        const from = incoming.callerNumber ? formatPhoneNumber(incoming.callerNumber) : 'Unknown caller';
        const to = incoming.calledNumber ? ` to ${formatPhoneNumber(incoming.calledNumber)}` : '';
        this.notifications.showIncoming(incoming.key, 'Incoming call', `${from}${to}`);
      }
    }
  }

  /** Rings while a card is offered to answer (not only call waiting), silent otherwise. */
  private updateRingtone(): void {
    if (this.incomingSignal().some((call) => !call.waiting)) {
      this.ringtone.start();
    } else {
      this.ringtone.stop();
    }
  }

  /** Mock mode: `call.incoming`, my inbound leg ringing. */
  private ringMock(call: Call): void {
    if (this.providerSignal() !== 'mock' || call.direction !== 'inbound' || call.status !== 'ringing') {
      return;
    }
    if ([...this.mockRinging.values()].some((ringing) => ringing.callId === call.id)) {
      return; // a repeated event
    }
    const key = ++this.keys;
    const run = this.run;
    this.mockRinging.set(key, {
      callId: call.id,
      check: setTimeout(() => run === this.run && this.recheckMock(key), MOCK_RING_CHECK_MS),
    });
    this.announce({
      key,
      callId: call.id,
      callerNumber: call.fromNumber,
      calledNumber: call.toNumber || null,
      waiting: this.mockLive.size > 0,
      problem: null,
    });
  }

  /** Mock mode: every change of my calls: cards close when their call stops ringing; the line's state for waiting. */
  private followMock(call: Call): void {
    if (this.providerSignal() !== 'mock') {
      return;
    }
    for (const [key, ringing] of this.mockRinging) {
      if (ringing.callId === call.id && call.status !== 'ringing') {
        this.dropMock(key);
      }
    }
    if (isFinalCallStatus(call.status)) {
      this.mockLive.delete(call.id);
      const current = this.callSignal();
      if (current?.callId === call.id && current.phase !== 'ended') {
        this.callSignal.set({ ...current, phase: 'ended' });
      }
    } else if (call.direction === 'outbound' || call.status === 'in_progress') {
      this.mockLive.add(call.id);
    }
    if (this.mockLive.size === 0 && this.incomingSignal().some((incoming) => incoming.waiting)) {
      // The line is free: calls that waited now ring.
      this.incomingSignal.update((calls) => calls.map((incoming) => ({ ...incoming, waiting: false })));
      this.updateRingtone();
    }
  }

  /** Mock mode: reads the ringing calls again (after a reconnection, or when one should have stopped ringing). */
  private recheckMock(only?: number): void {
    for (const [key, ringing] of this.mockRinging) {
      if (only !== undefined && key !== only) {
        continue;
      }
      this.calls.get(ringing.callId).subscribe({
        next: (call) => this.followMock(call),
        error: (error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 404) {
            this.dropMock(key);
          }
        },
      });
    }
  }

  private async acceptMock(key: number): Promise<void> {
    const ringing = this.mockRinging.get(key);
    const card = this.incomingSignal().find((call) => call.key === key);
    if (!ringing || !card || card.waiting) {
      return;
    }
    let answered: Call;
    try {
      answered = await firstValueFrom(this.calls.answer(ringing.callId));
    } catch (error) {
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 409)) {
        this.dropMock(key); // no longer ringing: the caller gave up, or another tab answered
      } else {
        const problem = `The call could not be answered. ${httpErrorMessage(error)}`;
        this.incomingSignal.update((calls) => calls.map((call) => (call.key === key ? { ...call, problem } : call)));
      }
      return;
    }
    this.dropMock(key);
    this.mockLive.add(answered.id);
    // Any other call ringing now waits: the line is taken.
    this.incomingSignal.update((calls) => calls.map((call) => ({ ...call, waiting: true })));
    this.ringtone.stop();
    this.muted.set(false);
    this.held.set(false);
    this.callSignal.set({
      key,
      callId: answered.id,
      sipCallId: '',
      direction: 'incoming',
      phase: isFinalCallStatus(answered.status) ? 'ended' : 'answered',
      failure: null,
    });
  }

  private dropMock(key: number): void {
    const ringing = this.mockRinging.get(key);
    if (!ringing) {
      return;
    }
    clearTimeout(ringing.check);
    this.mockRinging.delete(key);
    this.notifications.close(key);
    this.incomingSignal.update((calls) => calls.filter((call) => call.key !== key));
    this.updateRingtone();
  }

  private follow(leg: Leg): void {
    const { session } = leg;
    session.on('progress', () => {
      if (leg.direction === 'outgoing' && leg.phase === 'connecting') {
        this.advance(leg, 'ringing');
      }
    });
    session.on('accepted', () => this.advance(leg, 'answered'));
    session.on('confirmed', () => this.advance(leg, 'answered'));
    // A BYE is the ordinary end; any other end of an answered call (no ACK, lost media) is worth telling.
    session.on('ended', (event) => this.finish(leg, event.cause === 'Terminated' ? null : failureOf(event)));
    session.on('failed', (event) => this.finish(leg, failureOf(event)));
  }

  private advance(leg: Leg, phase: SoftphoneCallPhase): void {
    if (leg.phase === phase || leg.phase === 'ended' || !this.legs.has(leg.key)) {
      return;
    }
    leg.phase = phase;
    if (leg.mine) {
      this.publish(leg);
    }
  }

  private finish(leg: Leg, failure: SoftphoneCall['failure']): void {
    if (!this.legs.delete(leg.key)) {
      return;
    }
    const wasCurrent = leg.mine;
    leg.phase = 'ended';
    stopStream(leg.microphone);
    leg.release();
    this.notifications.close(leg.key);
    this.incomingSignal.update((calls) => calls.filter((call) => call.key !== leg.key));
    if (wasCurrent) {
      this.callSignal.set({ ...this.snapshot(leg), failure });
      this.remoteStreamSignal.set(null);
      this.playRemote(null);
      this.muted.set(false);
      this.held.set(false);
      // Calls that waited now ring: the line is free.
      this.incomingSignal.update((calls) => calls.map((call) => ({ ...call, waiting: false })));
    }
    this.updateRingtone();
    if (this.renewWhenIdle && this.legs.size === 0) {
      void this.connect(this.run);
    }
  }

  private watchRemoteAudio(leg: Leg, connection: RTCPeerConnection): void {
    connection.addEventListener('track', (event: RTCTrackEvent) => {
      if (event.track.kind !== 'audio') {
        return;
      }
      leg.remote = event.streams[0] ?? new MediaStream([event.track]);
      if (leg.mine && this.legs.has(leg.key)) {
        this.remoteStreamSignal.set(leg.remote);
        this.playRemote(leg.remote);
      }
    });
  }

  private playRemote(stream: MediaStream | null): void {
    if (!stream) {
      if (this.audio) {
        this.audio.srcObject = null;
      }
      return;
    }
    if (!this.audio) {
      this.audio = this.document.createElement('audio');
      this.audio.autoplay = true;
      this.audio.hidden = true;
      this.document.body.appendChild(this.audio);
      this.output.apply(this.audio);
    }
    this.audio.srcObject = stream;
    // Autoplay is allowed once the page was used (a click on Call or Accept), which a call always needs.
    void this.audio.play?.()?.catch(() => undefined);
  }

  /**
   * A row this browser could not place (no INVITE left) is canceled at once, so nothing is left initiated. Rows whose
   * INVITE did leave are Kamailio's to finish, through its events (applied even after an API outage); the API's own
   * deadlines end those it never hears of.
   */
  private cancelRow(call: Call): void {
    this.calls
      .hangUp(call.id, 'canceled')
      .pipe(catchError(() => EMPTY))
      .subscribe();
  }

  private scheduleRenewal(run: number, credentials: SipCredentials): void {
    const expiresAt = Date.parse(credentials.expiresAt);
    if (Number.isNaN(expiresAt)) {
      return;
    }
    const lifetime = expiresAt - Date.now();
    const lead = Math.min(CREDENTIAL_RENEW_LEAD_MS, Math.max(lifetime / 2, 0));
    const delay = Math.min(Math.max(lifetime - lead, 1_000), 2_147_483_647);
    this.renewTimer = setTimeout(() => {
      this.renewTimer = null;
      if (run !== this.run) {
        return;
      }
      if (this.legs.size > 0 || this.dialing.size > 0) {
        this.renewWhenIdle = true; // a new UA would drop the call: renew once it is over
      } else {
        void this.connect(run);
      }
    }, delay);
  }

  private retry(run: number, action: () => Promise<void>): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
    }
    const delay = Math.min(RETRY_BASE_MS * 2 ** this.failures, RETRY_MAX_MS);
    this.failures++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (run === this.run) {
        void action();
      }
    }, delay);
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.renewTimer !== null) {
      clearTimeout(this.renewTimer);
      this.renewTimer = null;
    }
  }

  private setState(status: SoftphoneStatus, reason: string | null): void {
    this.stateSignal.set({ status, reason });
  }

  private pcConfig(): RTCConfiguration {
    return { iceServers: this.credentials?.iceServers ?? [] };
  }

  private async microphone(): Promise<MediaStream> {
    this.awaitingMicrophone.set(true);
    try {
      return await openMicrophone(this.media);
    } finally {
      this.awaitingMicrophone.set(false);
    }
  }

  /** The INVITE announced by the last `ua.call()` (read once). */
  private takeLocalInvite(): SipNewSessionEvent['request'] | null {
    const invite = this.lastLocalInvite;
    this.lastLocalInvite = null;
    return invite;
  }

  private currentLeg(): Leg | null {
    for (const leg of this.legs.values()) {
      if (leg.mine) {
        return leg;
      }
    }
    return null;
  }

  private legOf(callId: number): Leg | null {
    for (const leg of this.legs.values()) {
      if (leg.mine && leg.callId === callId) {
        return leg;
      }
    }
    return null;
  }

  private publish(leg: Leg): void {
    this.callSignal.set(this.snapshot(leg));
    this.remoteStreamSignal.set(leg.remote);
    if (leg.remote) {
      this.playRemote(leg.remote);
    }
  }

  private snapshot(leg: Leg): SoftphoneCall {
    return {
      key: leg.key,
      callId: leg.callId,
      sipCallId: leg.sipCallId,
      direction: leg.direction,
      phase: leg.phase,
      failure: null,
    };
  }

  private exposeTestHook(): void {
    const window = this.document.defaultView as (Window & { __hhSoftphone?: SoftphoneTestHook }) | null;
    try {
      if (window?.localStorage.getItem(E2E_FLAG_KEY) !== '1') {
        return;
      }
    } catch {
      return;
    }
    window.__hhSoftphone = {
      remoteStream: () => this.remoteStreamSignal(),
      callId: () => this.callSignal()?.sipCallId || null,
      state: () => this.stateSignal().status,
    };
  }
}
