import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { aUser } from '../../testing/auth-fixtures';
import { aCall } from '../../testing/call-fixtures';
import { provideFakeLiveEvents } from '../../testing/live-events';
import { startTestSession } from '../../testing/session';
import {
  type FakeUserAgent,
  newSoftphoneFakes,
  provideSoftphoneFakes,
  settle,
  type SoftphoneFakes,
  startSipSoftphone,
} from '../../testing/softphone';
import { providePortalIcons } from '../icons/portal-icons';
import { CallNotificationsService } from './call-notifications.service';
import { IncomingCallPanelComponent } from './incoming-call-panel.component';
import { PhoneSettingsComponent } from './phone-settings.component';
import { RingtoneService } from './ringtone.service';
import type { SoftphoneService } from './softphone.service';
import { provideContactDirectory } from '../../testing/contacts';

@Component({ template: '' })
class BlankPageComponent {}

describe('IncomingCallPanelComponent', () => {
  let fixture: ComponentFixture<IncomingCallPanelComponent>;
  let element: HTMLElement;
  let fakes: SoftphoneFakes;
  let softphone: SoftphoneService;
  let ua: FakeUserAgent;

  const headers = {
    'X-HH-Call-Id': '456',
    'X-HH-Called-Number': '+19095550199',
    'X-HH-Caller-Number': '+15005550001',
  };

  beforeEach(async () => {
    fakes = newSoftphoneFakes();
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
        provideFakeLiveEvents(),
        provideSoftphoneFakes(fakes),
      ],
    });
    startTestSession(aUser({ id: 7 }));
    ({ softphone, ua } = await startSipSoftphone(fakes));
    fixture = TestBed.createComponent(IncomingCallPanelComponent);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    document.querySelectorAll('audio').forEach((audio) => audio.remove());
  });

  const refresh = () => fixture.detectChanges();
  const cards = () => Array.from(element.querySelectorAll<HTMLElement>('[data-testid="incoming-call"]'));
  const text = (node: Element | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();

  function button(name: string, within: HTMLElement = element): HTMLButtonElement {
    const found = Array.from(within.querySelectorAll('button')).find((candidate) => text(candidate) === name);
    if (!found) throw new Error(`No button named "${name}"`);
    return found;
  }

  it('shows who calls and which of my numbers, with Accept and Decline, until the caller gives up', () => {
    const session = ua.ring(headers);
    refresh();

    expect(cards()).toHaveLength(1);
    const card = cards()[0];
    expect(card.getAttribute('aria-label')).toBe('Incoming call');
    expect(text(card.querySelector('[data-testid="incoming-caller"]') ?? undefined)).toBe('(500) 555-0001');
    expect(text(card.querySelector('[data-testid="incoming-called"]') ?? undefined)).toBe('to (909) 555-0199');
    expect(button('Accept', card)).toBeTruthy();
    expect(button('Decline', card)).toBeTruthy();

    // Unanswered, Kamailio cancels after 25 s: the card closes.
    session.end('failed', { originator: 'remote', cause: 'Canceled' });
    refresh();
    expect(cards()).toHaveLength(0);
  });

  it('declines as busy (486)', () => {
    const session = ua.ring(headers);
    refresh();
    button('Decline').click();
    refresh();
    expect(session.terminate).toHaveBeenCalledWith({ status_code: 486, reason_phrase: 'Busy Here' });
    expect(cards()).toHaveLength(0);
  });

  it('accepts with the microphone and opens the dialer with the live call', async () => {
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/voip/dashboard');
    const session = ua.ring(headers);
    refresh();

    button('Accept').click();
    await settle();
    await fixture.whenStable();
    refresh();

    expect(session.answer).toHaveBeenCalledWith(expect.objectContaining({ mediaStream: fakes.media.microphone }));
    expect(router.url).toBe(APP_ROUTES.dialer.path);
    expect(cards()).toHaveLength(0);
    expect(softphone.call()).toEqual(expect.objectContaining({ callId: 456, direction: 'incoming' }));
  });

  it('says why it could not answer when the microphone is refused, and keeps ringing', async () => {
    const session = ua.ring(headers);
    fakes.media.refuseWith = 'NotAllowedError';
    refresh();
    button('Accept').click();
    await settle();
    refresh();

    expect(session.answer).not.toHaveBeenCalled();
    const alert = cards()[0].querySelector('[role="alert"]');
    expect(text(alert ?? undefined)).toContain('set Microphone to Allow');
    expect(button('Accept')).toBeTruthy();
  });

  it('rings only after the page has been clicked or typed on', () => {
    const ringtone = TestBed.inject(RingtoneService);
    const first = ua.ring(headers);
    expect(ringtone.ringing()).toBe(false);
    expect(fakes.audio.oscillators).toHaveLength(0);
    first.end('failed', { originator: 'remote', cause: 'Canceled' });

    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    ua.ring(headers, 'sip-in-2');
    expect(ringtone.ringing()).toBe(true);
    expect(fakes.audio.oscillators.map((oscillator) => oscillator.frequency.value)).toEqual([440, 480]);
    refresh();
    button('Decline').click();
    expect(ringtone.ringing()).toBe(false);
  });

  it('notifies through the system when the page is hidden, once permission was given from the button', async () => {
    const settings = TestBed.createComponent(PhoneSettingsComponent);
    settings.detectChanges();
    const allow = Array.from((settings.nativeElement as HTMLElement).querySelectorAll('button')).find(
      (candidate) => text(candidate) === 'Notify me of incoming calls',
    );
    expect(fakes.notifications.requestPermission).not.toHaveBeenCalled(); // never asked on load
    allow?.click();
    await settle();
    expect(fakes.notifications.requestPermission).toHaveBeenCalled();
    expect(TestBed.inject(CallNotificationsService).permission()).toBe('granted');

    ua.ring(headers, 'sip-visible');
    expect(fakes.notifications.shown).toHaveLength(0); // visible: the panel is enough
    refresh();
    button('Decline').click();

    const hidden = jest.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    const session = ua.ring(headers, 'sip-hidden');
    hidden.mockRestore();
    expect(fakes.notifications.shown.map((shown) => [shown.title, shown.options.body])).toEqual([
      ['Incoming call', '(500) 555-0001 to (909) 555-0199'],
    ]);
    session.end('failed', { originator: 'remote', cause: 'Canceled' });
    expect(fakes.notifications.shown[0].close).toHaveBeenCalled();
  });

  it('offers a second call during a call as call waiting, with Decline only', async () => {
    await softphone.dial(aCall({ id: 9, status: 'initiated', toNumber: '+15005550004' }));
    ua.calls[0].session.answered();
    ua.ring(headers);
    refresh();

    const card = cards()[0];
    expect(card.getAttribute('aria-label')).toBe('Call waiting');
    expect(text(card)).toContain('Call waiting');
    expect(Array.from(card.querySelectorAll('button')).map((candidate) => text(candidate))).toEqual(['Decline']);
  });

  it('tells what stopped a call placed for the API, until dismissed', () => {
    softphone.notice.set('A call to (500) 555-0004 could not be placed. No microphone was found.');
    refresh();
    expect(text(element.querySelector('[role="alert"]') ?? undefined)).toContain('could not be placed');
    button('Dismiss').click();
    refresh();
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });
});
