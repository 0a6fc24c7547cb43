import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { APP_ROUTES, type Call } from '@hh/contracts';
import { ApiCallChannel } from '../../features/dialer/call-channel';
import { CALLS_ENDPOINTS } from '../../shared/calls/calls-api.service';
import { aProblem, aUser } from '../../testing/auth-fixtures';
import { aCall } from '../../testing/call-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../testing/live-events';
import { startTestSession } from '../../testing/session';
import { newSoftphoneFakes, provideSoftphoneFakes, settle, type SoftphoneFakes } from '../../testing/softphone';
import { providePortalIcons } from '../icons/portal-icons';
import { IncomingCallPanelComponent } from './incoming-call-panel.component';
import { RingtoneService } from './ringtone.service';
import { MOCK_RING_CHECK_MS, SoftphoneService } from './softphone.service';
import { TELEPHONY_ENDPOINTS } from './telephony-endpoints';
import { provideContactDirectory } from '../../testing/contacts';

@Component({ template: '' })
class BlankPageComponent {}

/** The mock provider's incoming calls: `call.incoming` events, answered and declined through the API. */
describe('IncomingCallPanelComponent (mock provider)', () => {
  let fixture: ComponentFixture<IncomingCallPanelComponent>;
  let element: HTMLElement;
  let fakes: SoftphoneFakes;
  let events: FakeLiveEvents;
  let softphone: SoftphoneService;
  let http: HttpTestingController;

  const ringing = (overrides: Partial<Call> = {}) =>
    aCall({
      id: 456,
      direction: 'inbound',
      status: 'ringing',
      fromNumber: '+15005550001',
      toNumber: '+19095550199',
      durationSeconds: 0,
      endTime: null,
      ...overrides,
    });

  beforeEach(async () => {
    fakes = newSoftphoneFakes();
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      imports: [IncomingCallPanelComponent],
      providers: [
        provideContactDirectory(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'voip/dashboard', component: BlankPageComponent },
          { path: 'voip/dialer', component: BlankPageComponent },
        ]),
        providePortalIcons(),
        provideFakeLiveEvents(events),
        provideSoftphoneFakes(fakes),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    startTestSession(aUser({ id: 7 }));
    softphone = TestBed.inject(SoftphoneService);
    softphone.enable();
    TestBed.tick();
    http.expectOne(TELEPHONY_ENDPOINTS.telephony).flush({ provider: 'mock' });
    await settle();
    fixture = TestBed.createComponent(IncomingCallPanelComponent);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => {
    jest.useRealTimers();
    http.verify();
  });

  const refresh = () => fixture.detectChanges();
  const cards = () => Array.from(element.querySelectorAll<HTMLElement>('[data-testid="incoming-call"]'));
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();
  const byTestId = (id: string, within: HTMLElement = element) =>
    within.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);

  it('shows the caller and which of my numbers they called, until the call stops ringing', () => {
    events.callIncoming.next(ringing());
    refresh();

    expect(cards()).toHaveLength(1);
    const card = cards()[0];
    expect(card.getAttribute('aria-label')).toBe('Incoming call');
    expect(text(byTestId('incoming-caller', card))).toBe('(500) 555-0001');
    expect(text(byTestId('incoming-called', card))).toBe('to (909) 555-0199');
    expect(text(byTestId('incoming-accept', card))).toBe('Accept');
    expect(text(byTestId('incoming-decline', card))).toBe('Decline');

    // The caller hung up (or 25 s passed): the callee's call ends no_answer.
    events.callUpdates.next(ringing({ status: 'no_answer' }));
    refresh();
    expect(cards()).toHaveLength(0);
  });

  it('ignores a repeated event and calls that are not ringing inbound legs', () => {
    events.callIncoming.next(ringing());
    events.callIncoming.next(ringing());
    events.callIncoming.next(ringing({ id: 457, direction: 'outbound' }));
    refresh();
    expect(cards()).toHaveLength(1);
  });

  it('accepts through POST /calls/{id}/answer and opens the dialer, which follows the call', async () => {
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/voip/dashboard');
    events.callIncoming.next(ringing());
    refresh();

    byTestId('incoming-accept')?.click();
    const answer = http.expectOne(CALLS_ENDPOINTS.answer(456));
    expect(answer.request.method).toBe('POST');
    answer.flush(ringing({ status: 'in_progress' }));
    await settle();
    await fixture.whenStable();
    refresh();

    expect(router.url).toBe(APP_ROUTES.dialer.path);
    expect(cards()).toHaveLength(0);
    expect(softphone.call()).toEqual(
      expect.objectContaining({ callId: 456, direction: 'incoming', phase: 'answered' }),
    );
    // The dialer's mock channel hands the call to the active-call store (which resumes it).
    const channel = TestBed.inject(ApiCallChannel);
    expect(channel.carriedCallId()).toBe(456);

    events.callUpdates.next(ringing({ status: 'completed' }));
    expect(channel.carriedCallId()).toBeNull();
  });

  it('drops the card when the call stopped ringing before the answer (409), and says why on other errors', async () => {
    events.callIncoming.next(ringing());
    events.callIncoming.next(ringing({ id: 457 }));
    refresh();

    byTestId('incoming-accept', cards()[0])?.click();
    http
      .expectOne(CALLS_ENDPOINTS.answer(456))
      .flush(aProblem(409, 'The call is no longer ringing.'), { status: 409, statusText: 'Conflict' });
    await settle();
    refresh();
    expect(cards()).toHaveLength(1);

    byTestId('incoming-accept', cards()[0])?.click();
    http.expectOne(CALLS_ENDPOINTS.answer(457)).flush(null, { status: 500, statusText: 'Server Error' });
    await settle();
    refresh();
    expect(text(cards()[0].querySelector('[role="alert"]'))).toContain('The call could not be answered.');
  });

  it('declines through POST /calls/{id}/decline and closes the card at once', () => {
    const ringtone = TestBed.inject(RingtoneService);
    ringtone.interacted.set(true);
    events.callIncoming.next(ringing());
    refresh();
    expect(ringtone.ringing()).toBe(true);

    byTestId('incoming-decline')?.click();
    refresh();
    const decline = http.expectOne(CALLS_ENDPOINTS.decline(456));
    expect(decline.request.method).toBe('POST');
    decline.flush(ringing({ status: 'busy' }));
    expect(cards()).toHaveLength(0);
    expect(ringtone.ringing()).toBe(false);
  });

  it('offers a call that rings during another call as call waiting, then rings it once the line is free', () => {
    const ringtone = TestBed.inject(RingtoneService);
    ringtone.interacted.set(true);
    // My outbound call is live.
    events.callUpdates.next(aCall({ id: 9, status: 'in_progress', endTime: null }));
    events.callIncoming.next(ringing());
    refresh();

    const card = cards()[0];
    expect(card.getAttribute('aria-label')).toBe('Call waiting');
    expect(text(card)).toContain('Call waiting');
    expect(byTestId('incoming-accept', card)).toBeNull();
    expect(byTestId('incoming-decline', card)).not.toBeNull();
    expect(ringtone.ringing()).toBe(false);

    events.callUpdates.next(aCall({ id: 9, status: 'completed' }));
    refresh();
    expect(cards()[0].getAttribute('aria-label')).toBe('Incoming call');
    expect(byTestId('incoming-accept')).not.toBeNull();
    expect(ringtone.ringing()).toBe(true);
  });

  it('notifies through the system when the page is hidden, and closes the notification with the call', () => {
    fakes.notifications.setPermission('granted');
    const hidden = jest.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    events.callIncoming.next(ringing());
    hidden.mockRestore();
    expect(fakes.notifications.shown.map((shown) => [shown.title, shown.options.body])).toEqual([
      ['Incoming call', '(500) 555-0001 to (909) 555-0199'],
    ]);
    events.callUpdates.next(ringing({ status: 'no_answer' }));
    expect(fakes.notifications.shown[0].close).toHaveBeenCalled();
  });

  it('reads a call again when it should have stopped ringing (a missed call.updated)', () => {
    jest.useFakeTimers();
    events.callIncoming.next(ringing());
    refresh();
    jest.advanceTimersByTime(MOCK_RING_CHECK_MS);
    http.expectOne(CALLS_ENDPOINTS.call(456)).flush(ringing({ status: 'no_answer' }));
    refresh();
    expect(cards()).toHaveLength(0);
  });
});
