import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { aUser } from '../../testing/auth-fixtures';
import { aCall } from '../../testing/call-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../testing/live-events';
import { startTestSession } from '../../testing/session';
import {
  aMediaStream,
  newSoftphoneFakes,
  provideSoftphoneFakes,
  settle,
  someSipCredentials,
  type SoftphoneFakes,
  startSipSoftphone,
} from '../../testing/softphone';
import { CALLS_ENDPOINTS } from '../../shared/calls/calls-api.service';
import { AuthStore } from '../auth/auth-store.service';
import { RingtoneService } from './ringtone.service';
import { SoftphoneError } from './softphone-errors';
import {
  CREDENTIAL_RENEW_LEAD_MS,
  E2E_FLAG_KEY,
  HIDDEN_TAB_DIAL_DELAY_MS,
  RETRY_BASE_MS,
  SoftphoneService,
  type SoftphoneTestHook,
} from './softphone.service';
import { TELEPHONY_ENDPOINTS } from './telephony-endpoints';

describe('SoftphoneService', () => {
  let fakes: SoftphoneFakes;
  let events: FakeLiveEvents;
  let http: HttpTestingController;

  beforeEach(() => {
    fakes = newSoftphoneFakes();
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFakeLiveEvents(events),
        provideSoftphoneFakes(fakes),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    startTestSession(aUser({ id: 7 }));
  });

  afterEach(() => {
    jest.useRealTimers();
    http.verify();
    localStorage.clear();
    document.querySelectorAll('audio').forEach((audio) => audio.remove());
  });

  const placed = aCall({ id: 9, status: 'initiated', toNumber: '+15005550004', fromNumber: '+19095550100' });

  describe('start and state', () => {
    it('does nothing more than ask in mock mode: no credentials, no UA, offline', async () => {
      const softphone = TestBed.inject(SoftphoneService);
      softphone.enable();
      TestBed.tick();
      expect(softphone.detecting()).toBe(true);
      http.expectOne(TELEPHONY_ENDPOINTS.telephony).flush({ provider: 'mock' });
      await settle();

      expect(softphone.provider()).toBe('mock');
      expect(softphone.sipMode()).toBe(false);
      expect(softphone.detecting()).toBe(false);
      expect(softphone.state().status).toBe('offline');
      expect(fakes.uas.created).toHaveLength(0);
    });

    it('treats a server without /telephony (404) as mock', async () => {
      const softphone = TestBed.inject(SoftphoneService);
      softphone.enable();
      TestBed.tick();
      http.expectOne(TELEPHONY_ENDPOINTS.telephony).flush(null, { status: 404, statusText: 'Not Found' });
      await settle();
      expect(softphone.provider()).toBe('mock');
    });

    it('does not start for a pending account', async () => {
      TestBed.inject(AuthStore).updateUser(aUser({ id: 7, status: 'pending' }));
      const softphone = TestBed.inject(SoftphoneService);
      softphone.enable();
      TestBed.tick();
      http.expectNone(TELEPHONY_ENDPOINTS.telephony);
      expect(softphone.state().status).toBe('offline');
    });

    it('registers one UA with the fetched credentials: connecting, then online', async () => {
      const softphone = TestBed.inject(SoftphoneService);
      softphone.enable();
      TestBed.tick();
      expect(softphone.state().status).toBe('connecting');
      http.expectOne(TELEPHONY_ENDPOINTS.telephony).flush({ provider: 'sip' });
      await settle();
      http.expectOne(TELEPHONY_ENDPOINTS.sipCredentials).flush(someSipCredentials());
      await settle();

      const ua = fakes.uas.latest;
      expect(ua.config).toEqual({
        wsUri: 'wss://sip.test/ws',
        uri: 'sip:u7@sip.test',
        authorizationUser: '1767225600:u7',
        password: 'c2VjcmV0',
      });
      expect(ua.started).toBe(true);
      expect(softphone.state().status).toBe('connecting');
      expect(softphone.unavailable()).toBe('The phone is connecting to the phone server.');

      ua.register();
      expect(softphone.state()).toEqual({ status: 'online', reason: null });
      expect(softphone.unavailable()).toBeNull();
    });

    it('says it is reconnecting when the connection drops, and is online again once JsSIP re-registers', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      ua.emit('disconnected', { error: true });
      expect(softphone.state()).toEqual({
        status: 'connecting',
        reason: 'The connection to the phone server was lost. Reconnecting…',
      });
      ua.emit('connecting');
      ua.register();
      expect(softphone.state().status).toBe('online');
      expect(fakes.uas.created).toHaveLength(1); // JsSIP recovered by itself
    });

    it('fetches new credentials and replaces the UA when the registration is refused', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      jest.useFakeTimers();
      ua.emit('registrationFailed', { cause: 'Rejected', response: { status_code: 403, reason_phrase: 'Forbidden' } });
      expect(softphone.state()).toEqual({
        status: 'error',
        reason: 'The phone server refused the registration (Rejected, 403). Retrying…',
      });

      jest.advanceTimersByTime(RETRY_BASE_MS);
      http.expectOne(TELEPHONY_ENDPOINTS.sipCredentials).flush(someSipCredentials({ username: '1767229200:u7' }));
      await settle();
      const replacement = fakes.uas.latest;
      expect(replacement).not.toBe(ua);
      expect(replacement.config.authorizationUser).toBe('1767229200:u7');
      expect(ua.stopped).toBe(true);
      expect(softphone.state().status).toBe('connecting');
      ua.register(); // the old UA's late events are ignored
      expect(softphone.state().status).toBe('connecting');
      replacement.register();
      expect(softphone.state().status).toBe('online');
    });

    it('leaves a lost connection to JsSIP instead of replacing the UA', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      jest.useFakeTimers();
      ua.emit('registrationFailed', { cause: 'Connection Error', response: null });
      expect(softphone.state().status).toBe('connecting');
      jest.advanceTimersByTime(60_000);
      http.expectNone(TELEPHONY_ENDPOINTS.sipCredentials);
    });

    it('retries a failed credentials request with a growing delay', async () => {
      const softphone = TestBed.inject(SoftphoneService);
      softphone.enable();
      TestBed.tick();
      http.expectOne(TELEPHONY_ENDPOINTS.telephony).flush({ provider: 'sip' });
      await settle();
      jest.useFakeTimers();
      http.expectOne(TELEPHONY_ENDPOINTS.sipCredentials).flush(null, { status: 503, statusText: 'Unavailable' });
      await settle();
      expect(softphone.state().status).toBe('error');

      jest.advanceTimersByTime(RETRY_BASE_MS);
      http.expectOne(TELEPHONY_ENDPOINTS.sipCredentials).flush(null, { status: 503, statusText: 'Unavailable' });
      await settle();
      jest.advanceTimersByTime(RETRY_BASE_MS * 2 - 1);
      http.expectNone(TELEPHONY_ENDPOINTS.sipCredentials);
      jest.advanceTimersByTime(1);
      http.expectOne(TELEPHONY_ENDPOINTS.sipCredentials).flush(someSipCredentials());
      await settle();
      fakes.uas.latest.register();
      expect(softphone.state().status).toBe('online');
    });

    it('renews the credentials before they expire, waiting for the live call to end', async () => {
      jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
      const { softphone, ua } = await startSipSoftphone(
        fakes,
        someSipCredentials({ expiresAt: '2026-11-24T11:00:00.000Z' }),
      );
      await softphone.dial(placed);
      const session = ua.calls[0].session;

      jest.advanceTimersByTime(3_600_000 - CREDENTIAL_RENEW_LEAD_MS);
      http.expectNone(TELEPHONY_ENDPOINTS.sipCredentials); // a new UA would drop the call

      session.answered();
      session.end('ended', { originator: 'remote', cause: 'Terminated' });
      http.expectOne(TELEPHONY_ENDPOINTS.sipCredentials).flush(someSipCredentials());
      await settle();
      expect(fakes.uas.created).toHaveLength(2);
      expect(ua.stopped).toBe(true);
    });

    it('stops the UA and goes offline on sign-out', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      TestBed.inject(AuthStore).clearSession();
      TestBed.tick();
      expect(ua.stopped).toBe(true);
      expect(softphone.state()).toEqual({ status: 'offline', reason: null });
      expect(softphone.provider()).toBeNull();
    });
  });

  describe('placing a call', () => {
    it('sends the INVITE to the number at the domain with the call id and caller ID, audio only', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      const call = await softphone.dial(placed);

      expect(fakes.media.getUserMedia).toHaveBeenCalledWith({ audio: true, video: false });
      expect(ua.calls).toHaveLength(1);
      const { target, options } = ua.calls[0];
      expect(target).toBe('sip:+15005550004@sip.test');
      expect(options.extraHeaders).toEqual(['X-HH-Call-Id: 9', 'X-HH-Caller-Id: +19095550100']);
      expect(options.mediaConstraints).toEqual({ audio: true, video: false });
      expect(options.mediaStream).toBe(fakes.media.microphone);
      expect(options.pcConfig).toEqual({ iceServers: [{ urls: ['stun:stun.test:3478'] }] });
      expect(call).toEqual(
        expect.objectContaining({ callId: 9, sipCallId: 'sip-call-1', direction: 'outgoing', phase: 'connecting' }),
      );
      expect(softphone.carries(9)).toBe(true);
    });

    it('follows the session: ringing, answered with the far end audible, then ended', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      await softphone.dial(placed);
      const session = ua.calls[0].session;

      session.emit('progress');
      expect(softphone.call()?.phase).toBe('ringing');
      const remote = aMediaStream('remote');
      session.peer.receive(remote);
      session.answered();
      expect(softphone.call()?.phase).toBe('answered');
      expect(softphone.remoteStream()).toBe(remote);
      expect((document.querySelector('audio') as HTMLAudioElement & { srcObject: unknown }).srcObject).toBe(remote);

      session.end('ended', { originator: 'remote', cause: 'Terminated' });
      expect(softphone.call()).toEqual(expect.objectContaining({ phase: 'ended', failure: null }));
      expect(softphone.remoteStream()).toBeNull();
      expect(softphone.carries(9)).toBe(false);
      expect(fakes.media.microphone.getTracks()[0].stop).toHaveBeenCalled();
    });

    it('records why the far side refused the call', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      await softphone.dial(placed);
      ua.calls[0].session.end('failed', {
        originator: 'remote',
        cause: 'Rejected',
        message: { status_code: 403, reason_phrase: 'Caller ID is not yours' },
      });
      expect(softphone.call()?.failure).toEqual({ code: 403, message: 'Caller ID is not yours (403)' });
    });

    it("leaves the row of a call whose INVITE left to Kamailio's events, even when they are late", async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      await softphone.dial(placed);
      jest.useFakeTimers();
      ua.calls[0].session.answered();
      expect(softphone.hangUp(9)).toBe(true);
      expect(ua.calls[0].session.terminate).toHaveBeenCalled();
      jest.advanceTimersByTime(120_000);
      http.expectNone(CALLS_ENDPOINTS.call(9)); // the API applies Kamailio's 'ended', with its true time
    });

    it('refuses to dial while offline, saying why', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      ua.emit('disconnected', { error: true });
      await expect(softphone.dial(placed)).rejects.toEqual(
        new SoftphoneError('offline', 'The connection to the phone server was lost. Reconnecting…'),
      );
      expect(ua.calls).toHaveLength(0);
    });

    it('explains a refused microphone and cancels the row instead of dialling', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      fakes.media.refuseWith = 'NotAllowedError';

      const error = await softphone.dial(placed).catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(SoftphoneError);
      expect((error as SoftphoneError).kind).toBe('microphone-denied');
      expect((error as SoftphoneError).message).toContain('set Microphone to Allow');
      expect(ua.calls).toHaveLength(0);
      const cancel = http.expectOne(CALLS_ENDPOINTS.call(9));
      expect(cancel.request.method).toBe('PATCH');
      expect(cancel.request.body).toEqual({ status: 'canceled' });
      cancel.flush({ ...placed, status: 'canceled' });
    });

    it('tells a missing microphone apart', async () => {
      const { softphone } = await startSipSoftphone(fakes);
      fakes.media.refuseWith = 'NotFoundError';
      const error = (await softphone.dial(placed).catch((reason: unknown) => reason)) as SoftphoneError;
      expect(error.kind).toBe('no-microphone');
      http.expectOne(CALLS_ENDPOINTS.call(9)).flush({ ...placed, status: 'canceled' });
    });

    it('mutes the track and the session, holds with a re-INVITE, and sends tones as RFC 4733 events', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      await softphone.dial(placed);
      const session = ua.calls[0].session;
      expect(softphone.sendDigit('5')).toBe(false); // not answered yet
      session.answered();

      softphone.setMuted(true);
      expect(fakes.media.microphone.getAudioTracks()[0].enabled).toBe(false);
      expect(session.mute).toHaveBeenCalledWith({ audio: true });
      expect(softphone.muted()).toBe(true);
      softphone.setMuted(false);
      expect(fakes.media.microphone.getAudioTracks()[0].enabled).toBe(true);
      expect(session.unmute).toHaveBeenCalledWith({ audio: true });

      await softphone.setHeld(true);
      expect(session.hold).toHaveBeenCalled();
      expect(softphone.held()).toBe(true);
      await softphone.setHeld(false);
      expect(session.unhold).toHaveBeenCalled();
      expect(softphone.held()).toBe(false);

      expect(softphone.sendDigit('#')).toBe(true);
      expect(session.sendDTMF).toHaveBeenCalledWith('#', { transportType: 'RFC2833' });
    });

    it('reports a hold the session cannot start', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      await softphone.dial(placed);
      const session = ua.calls[0].session;
      session.answered();
      session.hold.mockReturnValueOnce(false);
      await expect(softphone.setHeld(true)).rejects.toBeInstanceOf(SoftphoneError);
      expect(softphone.held()).toBe(false);
    });

    it('dials the same call once, however often it is asked', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      const [first, second] = await Promise.all([softphone.dial(placed), softphone.dial(placed)]);
      expect(first).toEqual(second);
      await softphone.dial(placed);
      expect(ua.calls).toHaveLength(1);
    });

    it('refuses a second call while one is live', async () => {
      const { softphone } = await startSipSoftphone(fakes);
      await softphone.dial(placed);
      await expect(softphone.dial(aCall({ id: 10, status: 'initiated' }))).rejects.toEqual(
        expect.objectContaining({ kind: 'busy' }),
      );
    });
  });

  describe('calls created through the API (call.dial)', () => {
    it('places them when online', async () => {
      const { ua } = await startSipSoftphone(fakes);
      events.callDials.next(placed);
      await settle();
      expect(ua.calls.map((call) => call.options.extraHeaders)).toEqual([
        ['X-HH-Call-Id: 9', 'X-HH-Caller-Id: +19095550100'],
      ]);
      events.callDials.next(placed); // a repeated event
      await settle();
      expect(ua.calls).toHaveLength(1);
    });

    it('lets a visible tab claim them first when this one is hidden', async () => {
      const { ua } = await startSipSoftphone(fakes);
      jest.useFakeTimers();
      const hidden = jest.spyOn(document, 'hidden', 'get').mockReturnValue(true);
      events.callDials.next(placed);
      await settle();
      expect(ua.calls).toHaveLength(0);
      jest.advanceTimersByTime(HIDDEN_TAB_DIAL_DELAY_MS);
      hidden.mockRestore();
      await settle();
      expect(ua.calls).toHaveLength(1);
    });

    it('leaves them to another softphone while offline', async () => {
      const { ua } = await startSipSoftphone(fakes);
      ua.emit('disconnected', { error: true });
      events.callDials.next(placed);
      await settle();
      expect(ua.calls).toHaveLength(0);
    });

    it('says so when the microphone stopped one, and cancels its row', async () => {
      const { softphone } = await startSipSoftphone(fakes);
      fakes.media.refuseWith = 'NotAllowedError';
      events.callDials.next(placed);
      await settle();
      expect(softphone.notice()).toContain('A call to (500) 555-0004 could not be placed.');
      http.expectOne(CALLS_ENDPOINTS.call(9)).flush({ ...placed, status: 'canceled' });
    });
  });

  describe('incoming calls', () => {
    const headers = {
      'X-HH-Call-Id': '456',
      'X-HH-Called-Number': '+19095550199',
      'X-HH-Caller-Number': '+15005550001',
    };

    it('lists a ringing call with its caller and the number called, and ends it when the caller gives up', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      const session = ua.ring(headers);
      expect(softphone.incoming()).toEqual([
        {
          key: expect.any(Number),
          callId: 456,
          callerNumber: '+15005550001',
          calledNumber: '+19095550199',
          waiting: false,
          problem: null,
        },
      ]);
      session.end('failed', { originator: 'remote', cause: 'Canceled' });
      expect(softphone.incoming()).toEqual([]);
      expect(softphone.call()).toBeNull();
    });

    it('rings only once the page has been interacted with', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      const first = ua.ring(headers);
      expect(fakes.audio.oscillators).toHaveLength(0);
      first.end('failed', { originator: 'remote', cause: 'Canceled' });

      document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
      const second = ua.ring(headers, 'sip-in-2');
      expect(fakes.audio.oscillators.map((oscillator) => oscillator.frequency.value)).toEqual([440, 480]);
      expect(TestBed.inject(RingtoneService).ringing()).toBe(true);
      softphone.decline(softphone.incoming()[0].key);
      expect(second.terminate).toHaveBeenCalledWith({ status_code: 486, reason_phrase: 'Busy Here' });
      expect(TestBed.inject(RingtoneService).ringing()).toBe(false);
    });

    it('answers with the microphone and becomes the current call', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      const session = ua.ring(headers);
      await softphone.accept(softphone.incoming()[0].key);

      expect(session.answer).toHaveBeenCalledWith({
        mediaConstraints: { audio: true, video: false },
        mediaStream: fakes.media.microphone,
        pcConfig: { iceServers: [{ urls: ['stun:stun.test:3478'] }] },
      });
      expect(softphone.incoming()).toEqual([]);
      const remote = aMediaStream('remote');
      session.peer.receive(remote);
      session.answered();
      expect(softphone.call()).toEqual(
        expect.objectContaining({ callId: 456, sipCallId: 'sip-in-1', direction: 'incoming', phase: 'answered' }),
      );
      expect(softphone.remoteStream()).toBe(remote);
      expect(softphone.carries(456)).toBe(true);
    });

    it('keeps ringing and says why when the microphone is refused on answer', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      const session = ua.ring(headers);
      fakes.media.refuseWith = 'NotAllowedError';
      await softphone.accept(softphone.incoming()[0].key);
      expect(session.answer).not.toHaveBeenCalled();
      expect(softphone.incoming()[0].problem).toContain('set Microphone to Allow');
    });

    it('offers a call that rings during another as call waiting, without the ring', async () => {
      const { softphone, ua } = await startSipSoftphone(fakes);
      document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
      await softphone.dial(placed);
      ua.calls[0].session.answered();

      const waiting = ua.ring(headers);
      expect(softphone.incoming()[0].waiting).toBe(true);
      expect(fakes.audio.oscillators).toHaveLength(0);
      await softphone.accept(softphone.incoming()[0].key);
      expect(waiting.answer).not.toHaveBeenCalled();
    });

    it('notifies while the page is hidden, when allowed, and closes the notification with the call', async () => {
      const { ua } = await startSipSoftphone(fakes);
      fakes.notifications.setPermission('granted');
      const hidden = jest.spyOn(document, 'hidden', 'get').mockReturnValue(true);
      const session = ua.ring(headers);
      hidden.mockRestore();

      expect(fakes.notifications.shown).toHaveLength(1);
      expect(fakes.notifications.shown[0].title).toBe('Incoming call');
      expect(fakes.notifications.shown[0].options.body).toBe('(500) 555-0001 to (909) 555-0199');
      session.end('failed', { originator: 'remote', cause: 'Canceled' });
      expect(fakes.notifications.shown[0].close).toHaveBeenCalled();
    });

    it('does not notify while the page is visible', async () => {
      const { ua } = await startSipSoftphone(fakes);
      fakes.notifications.setPermission('granted');
      ua.ring(headers);
      expect(fakes.notifications.shown).toHaveLength(0);
    });
  });

  it('exposes the remote stream and the SIP Call-ID to the e2e specs only with the flag', async () => {
    localStorage.setItem(E2E_FLAG_KEY, '1');
    const { softphone, ua } = await startSipSoftphone(fakes);
    const hook = (window as Window & { __hhSoftphone?: SoftphoneTestHook }).__hhSoftphone;
    expect(hook).toBeDefined();
    await softphone.dial(placed);
    const remote = aMediaStream('remote');
    ua.calls[0].session.peer.receive(remote);
    expect(hook?.remoteStream()).toBe(remote);
    expect(hook?.callId()).toBe('sip-call-1');
    expect(hook?.state()).toBe('online');
    delete (window as Window & { __hhSoftphone?: SoftphoneTestHook }).__hhSoftphone;
  });
});
