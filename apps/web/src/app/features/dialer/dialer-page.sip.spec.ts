import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { Call } from '@hh/contracts';
import { providePortalIcons } from '../../core/icons/portal-icons';
import type { SoftphoneService } from '../../core/softphone/softphone.service';
import { aUser } from '../../testing/auth-fixtures';
import { aCall, aPage, aPhoneNumber } from '../../testing/call-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../testing/live-events';
import { startTestSession } from '../../testing/session';
import {
  type FakeUserAgent,
  newSoftphoneFakes,
  provideSoftphoneFakes,
  settle,
  type SoftphoneFakes,
  startSipSoftphone,
} from '../../testing/softphone';
import { CALLS_ENDPOINTS } from '../../shared/calls/calls-api.service';
import { NUMBERS_ENDPOINTS } from '../../shared/numbers/numbers-api.service';
import { DialerPageComponent } from './dialer-page.component';
import { provideContactDirectory } from '../../testing/contacts';

const MAIN_LINE = aPhoneNumber({ id: 11, phoneNumber: '+19095550100', friendlyName: 'Main line' });

describe('DialerPageComponent with the SIP softphone', () => {
  let fixture: ComponentFixture<DialerPageComponent>;
  let element: HTMLElement;
  let http: HttpTestingController;
  let events: FakeLiveEvents;
  let fakes: SoftphoneFakes;
  let softphone: SoftphoneService;
  let ua: FakeUserAgent;

  beforeEach(async () => {
    events = new FakeLiveEvents();
    fakes = newSoftphoneFakes();
    TestBed.configureTestingModule({
      imports: [DialerPageComponent],
      providers: [
        provideContactDirectory(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        providePortalIcons(),
        provideFakeLiveEvents(events),
        provideSoftphoneFakes(fakes),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    startTestSession(aUser({ id: 7 }));
    ({ softphone, ua } = await startSipSoftphone(fakes));
  });

  afterEach(() => {
    jest.useRealTimers();
    http.verify();
    document.querySelectorAll('audio').forEach((audio) => audio.remove());
  });

  async function render(recent: Call[] = []): Promise<void> {
    fixture = TestBed.createComponent(DialerPageComponent);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne((request) => request.url === NUMBERS_ENDPOINTS.numbers).flush(aPage([MAIN_LINE]));
    http.expectOne((request) => request.url === CALLS_ENDPOINTS.calls && request.method === 'GET').flush(aPage(recent));
    await fixture.whenStable();
  }

  const refresh = () => fixture.detectChanges();
  const phoneState = () => element.querySelector('[data-testid="phone-state"]')?.textContent?.trim();
  const statusText = () => element.querySelector('.call-status')?.textContent?.trim();
  const alerts = () =>
    Array.from(element.querySelectorAll('[role="alert"]')).map((alert) =>
      alert.textContent?.replace(/\s+/g, ' ').trim(),
    );

  function buttonNamed(name: string): HTMLButtonElement {
    const found = Array.from(element.querySelectorAll('button')).find(
      (button) => (button.getAttribute('aria-label') ?? button.textContent?.trim()) === name,
    );
    if (!found) throw new Error(`No button named "${name}"`);
    return found;
  }

  function typeNumber(digits: string): void {
    const keypad = element.querySelector('[aria-label="Keypad"]') as HTMLElement;
    for (const digit of digits) {
      Array.from(keypad.querySelectorAll('button'))
        .find((button) => button.getAttribute('aria-label') === digit)
        ?.click();
    }
    refresh();
  }

  function expectDial(): TestRequest {
    return http.expectOne((request) => request.url === CALLS_ENDPOINTS.calls && request.method === 'POST');
  }

  /** Dials 5005550004, answers the POST, and lets the INVITE go out. */
  async function placeCall(
    row = aCall({ id: 9, status: 'initiated', toNumber: '+15005550004', durationSeconds: 0 }),
  ): Promise<Call> {
    typeNumber('5005550004');
    buttonNamed('Call').click();
    expectDial().flush(row);
    await settle();
    refresh();
    return row;
  }

  it('shows whether the phone is online, and keeps Call disabled with the reason while it is not', async () => {
    await render();
    expect(phoneState()).toBe('Phone online');
    typeNumber('5005550004');
    expect(buttonNamed('Call').disabled).toBe(false);

    ua.emit('disconnected', { error: true });
    refresh();
    expect(phoneState()).toBe('Connecting…');
    const call = buttonNamed('Call');
    expect(call.disabled).toBe(true);
    const reason = element.querySelector(`#${call.getAttribute('aria-describedby')}`);
    expect(reason?.textContent?.trim()).toBe('The connection to the phone server was lost. Reconnecting…');

    ua.register();
    refresh();
    expect(phoneState()).toBe('Phone online');
    expect(buttonNamed('Call').disabled).toBe(false);
  });

  it('creates the call, then sends the INVITE with its id and caller ID, and follows it by live events', async () => {
    await render();
    const placed = await placeCall();

    expect(ua.calls).toHaveLength(1);
    expect(ua.calls[0].target).toBe('sip:+15005550004@sip.test');
    expect(ua.calls[0].options.extraHeaders).toEqual(['X-HH-Call-Id: 9', 'X-HH-Caller-Id: +19095550100']);
    expect(statusText()).toBe('Calling…');

    events.callUpdates.next({ ...placed, status: 'ringing' });
    refresh();
    expect(statusText()).toBe('Ringing…');
    events.callUpdates.next({ ...placed, status: 'in_progress' });
    refresh();
    expect(statusText()).toBe('In progress');
  });

  it('hangs up through the SIP session, not the API, and shows the final status from live events', async () => {
    await render();
    const placed = await placeCall();
    const session = ua.calls[0].session;
    session.answered();
    events.callUpdates.next({ ...placed, status: 'in_progress' });
    refresh();

    buttonNamed('Hang up').click();
    refresh();
    expect(session.terminate).toHaveBeenCalled();
    http.expectNone((request) => request.method === 'PATCH');

    events.callUpdates.next({ ...placed, status: 'completed', durationSeconds: 12 });
    refresh();
    expect(statusText()).toBe('Completed · 0:12');
  });

  it('mutes, holds and sends tones on the session instead of the API', async () => {
    await render();
    const placed = await placeCall();
    const session = ua.calls[0].session;
    session.answered();
    events.callUpdates.next({ ...placed, status: 'in_progress' });
    refresh();

    buttonNamed('Mute').click();
    refresh();
    expect(session.mute).toHaveBeenCalledWith({ audio: true });
    expect(buttonNamed('Mute').getAttribute('aria-pressed')).toBe('true');

    buttonNamed('Hold').click();
    await settle();
    refresh();
    expect(session.hold).toHaveBeenCalled();
    expect(buttonNamed('Hold').getAttribute('aria-pressed')).toBe('true');

    const tones = element.querySelector('[aria-label="In-call keypad"]') as HTMLElement;
    Array.from(tones.querySelectorAll('button'))
      .find((button) => button.getAttribute('aria-label') === '#')
      ?.click();
    refresh();
    expect(session.sendDTMF).toHaveBeenCalledWith('#', { transportType: 'RFC2833' });
    http.expectNone(CALLS_ENDPOINTS.digits(9));
    expect(tones.textContent).toContain('Tones sent: #');
  });

  it('explains a refused microphone and how to allow it, and cancels the call', async () => {
    await render();
    fakes.media.refuseWith = 'NotAllowedError';
    const placed = await placeCall();

    expect(ua.calls).toHaveLength(0);
    const notice = element.querySelector('[data-testid="microphone-problem"]');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(notice?.textContent).toContain('The call was not placed: the microphone is not available');
    expect(notice?.textContent).toContain('set Microphone to Allow');
    const cancel = http.expectOne(CALLS_ENDPOINTS.call(9));
    expect(cancel.request.body).toEqual({ status: 'canceled' });
    cancel.flush({ ...placed, status: 'canceled' });
    events.callUpdates.next({ ...placed, status: 'canceled' });
    refresh();
    expect(statusText()).toBe('Canceled');
    expect(buttonNamed('Call').disabled).toBe(false);
  });

  it('asks to allow the microphone while the browser prompt is open, then places the call', async () => {
    await render();
    let allow: () => void = () => undefined;
    fakes.media.prompt = new Promise<void>((resolve) => (allow = resolve));
    await placeCall();
    expect(element.querySelector('[data-testid="microphone-prompt"]')?.textContent).toContain(
      'Allow the microphone when the browser asks',
    );
    expect(ua.calls).toHaveLength(0);

    allow();
    await settle();
    refresh();
    expect(element.querySelector('[data-testid="microphone-prompt"]')).toBeNull();
    expect(ua.calls).toHaveLength(1);
  });

  it("says why the phone network refused a call when its status cannot (e.g. a caller ID it won't carry)", async () => {
    await render();
    await placeCall();
    ua.calls[0].session.end('failed', {
      originator: 'remote',
      cause: 'Rejected',
      message: { status_code: 403, reason_phrase: 'Caller ID is not yours' },
    });
    refresh();
    expect(alerts()).toContain('The phone network ended the call: Caller ID is not yours (403)');
  });

  it('hangs up through the API a live call this browser does not carry (placed before a reload)', async () => {
    await render([aCall({ id: 5, status: 'ringing', toNumber: '+15005550005' })]);
    refresh();
    buttonNamed('Hang up').click();
    const hangUp = http.expectOne(CALLS_ENDPOINTS.call(5));
    expect(hangUp.request.method).toBe('PATCH');
    expect(hangUp.request.body).toEqual({ status: 'canceled' });
    hangUp.flush(aCall({ id: 5, status: 'canceled', toNumber: '+15005550005' }));
  });

  it('shows a call answered on another page: who called, and which of my numbers', async () => {
    const session = ua.ring({
      'X-HH-Call-Id': '456',
      'X-HH-Called-Number': '+19095550100',
      'X-HH-Caller-Number': '+15005550001',
    });
    await softphone.accept(softphone.incoming()[0].key);
    session.answered();
    await render();

    const row = aCall({
      id: 456,
      direction: 'inbound',
      status: 'in_progress',
      fromNumber: '+15005550001',
      toNumber: '+19095550100',
    });
    http.expectOne((request) => request.url === CALLS_ENDPOINTS.call(456) && request.method === 'GET').flush(row);
    refresh();
    const panel = element.querySelector('[aria-label="Current call"]');
    expect(panel?.textContent).toContain('(500) 555-0001');
    expect(panel?.textContent).toContain('to (909) 555-0100');
    expect(statusText()).toBe('In progress');

    buttonNamed('Hang up').click();
    expect(session.terminate).toHaveBeenCalled();
  });
});
