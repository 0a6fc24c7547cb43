import { HttpHeaders, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { ComponentFixture } from '@angular/core/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import type { Call, PhoneNumber } from '@hh/contracts';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { aProblem, aUser } from '../../testing/auth-fixtures';
import { aCall, aPage, aPhoneNumber } from '../../testing/call-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../testing/live-events';
import { startTestSession } from '../../testing/session';
import { CALLS_ENDPOINTS } from '../../shared/calls/calls-api.service';
import { NUMBERS_ENDPOINTS } from '../../shared/numbers/numbers-api.service';
import { SoftphoneService } from '../../core/softphone/softphone.service';
import { TELEPHONY_ENDPOINTS } from '../../core/softphone/telephony-endpoints';
import { newSoftphoneFakes, provideSoftphoneFakes, settle } from '../../testing/softphone';
import { DialerPageComponent } from './dialer-page.component';
import { provideContactDirectory } from '../../testing/contacts';

const MAIN_LINE = aPhoneNumber({ id: 11, phoneNumber: '+19095550100', friendlyName: 'Main line' });
const SALES_LINE = aPhoneNumber({ id: 12, phoneNumber: '+19095550199', friendlyName: 'Sales' });

describe('DialerPageComponent', () => {
  let fixture: ComponentFixture<DialerPageComponent>;
  let element: HTMLElement;
  let httpMock: HttpTestingController;
  let events: FakeLiveEvents;

  beforeEach(() => {
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      imports: [DialerPageComponent],
      providers: [
        provideContactDirectory(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        providePortalIcons(),
        provideFakeLiveEvents(events),
        provideSoftphoneFakes(newSoftphoneFakes()),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(aUser());
  });

  afterEach(() => {
    jest.useRealTimers();
    httpMock.verify();
  });

  async function render(
    options: { numbers?: PhoneNumber[]; recent?: Call[]; from?: string; to?: string } = {},
  ): Promise<void> {
    fixture = TestBed.createComponent(DialerPageComponent);
    if (options.from) fixture.componentRef.setInput('from', options.from);
    if (options.to) fixture.componentRef.setInput('to', options.to);
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    httpMock
      .expectOne((request) => request.url === NUMBERS_ENDPOINTS.numbers)
      .flush(aPage(options.numbers ?? [MAIN_LINE, SALES_LINE]));
    httpMock
      .expectOne((request) => request.url === CALLS_ENDPOINTS.calls && request.method === 'GET')
      .flush(aPage(options.recent ?? []));
    await fixture.whenStable();
  }

  const refresh = () => fixture.detectChanges();
  const display = () => element.querySelector<HTMLInputElement>('input[aria-label="Phone number"]') as HTMLInputElement;
  const statusText = () => element.querySelector('[role="status"]')?.textContent?.trim();
  const alerts = () =>
    Array.from(element.querySelectorAll('[role="alert"]')).map((alert) =>
      alert.textContent?.replace(/\s+/g, ' ').trim(),
    );
  const region = (name: string) => element.querySelector(`[aria-label="${name}"]`) as HTMLElement;

  function buttonNamed(name: string, within: HTMLElement = element): HTMLButtonElement {
    const found = Array.from(within.querySelectorAll('button')).find(
      (button) => (button.getAttribute('aria-label') ?? button.textContent?.trim()) === name,
    );
    if (!found) throw new Error(`No button named "${name}"`);
    return found;
  }

  function pressKeys(digits: string, pad = region('Keypad')): void {
    for (const digit of digits) buttonNamed(digit, pad).click();
    refresh();
  }

  function keydown(key: string, target: EventTarget = document.body): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    refresh();
    return event;
  }

  function expectDial(): TestRequest {
    return httpMock.expectOne((request) => request.url === CALLS_ENDPOINTS.calls && request.method === 'POST');
  }

  function refuse(
    request: TestRequest,
    status: number,
    detail: string,
    extra: { errors?: { field: string; message: string }[]; headers?: HttpHeaders } = {},
  ): void {
    request.flush(aProblem(status, detail, extra.errors), { status, statusText: 'Refused', headers: extra.headers });
    refresh();
  }

  describe('the dial pad', () => {
    it('names its keys by their bare digit and hides the letters from assistive technology', async () => {
      await render();
      const keys = Array.from(region('Keypad').querySelectorAll('button'));

      expect(keys.map((key) => key.getAttribute('aria-label'))).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '*',
        '0',
        '#',
      ]);
      // The letters are drawn by CSS from data-letters: shown, yet neither in the name nor in the text (WCAG 2.5.3).
      expect(keys[1].querySelector('.letters')?.getAttribute('data-letters')).toBe('ABC');
      expect(keys[1].textContent?.trim()).toBe('2');
      expect(keys[1].querySelector('.letters')?.getAttribute('aria-hidden')).toBe('true');
    });

    it('formats the number as it is keyed in and deletes the last digit', async () => {
      await render();
      pressKeys('9096874');
      expect(display().value).toBe('(909) 687-4');
      pressKeys('971');
      expect(display().value).toBe('(909) 687-4971');

      buttonNamed('Delete digit').click();
      refresh();
      expect(display().value).toBe('(909) 687-497');
    });

    it('takes digits, *, #, Backspace and Enter from the keyboard when focus is not in a text field', async () => {
      await render();
      for (const key of '5005550004') keydown(key);
      expect(display().value).toBe('(500) 555-0004');

      keydown('Backspace');
      expect(display().value).toBe('(500) 555-000');
      keydown('4');

      // Keys typed into another text field stay there.
      const otherField = document.createElement('input');
      element.appendChild(otherField);
      expect(keydown('7', otherField).defaultPrevented).toBe(false);
      expect(display().value).toBe('(500) 555-0004');

      keydown('Enter');
      expect(expectDial().request.body).toEqual({ toNumber: '+15005550004', fromNumber: '+19095550100' });
    });

    it('accepts a pasted number in any format, on the page or in the display', async () => {
      await render();
      const paste = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(paste, 'clipboardData', { value: { getData: () => 'tel:+1 (500) 555-0004' } });
      document.body.dispatchEvent(paste);
      refresh();
      expect(display().value).toBe('+1 500 555 0004');

      display().value = '909.687.4971';
      display().dispatchEvent(new Event('input'));
      refresh();
      expect(display().value).toBe('(909) 687-4971');
    });

    it('pre-fills ?to= and preselects the caller ID of ?from= when it is mine', async () => {
      await render({ to: ' 15005550004', from: '+19095550199' });
      const callerId = await (
        await TestbedHarnessEnvironment.loader(fixture).getHarness(
          MatFormFieldHarness.with({ floatingLabelText: 'Caller ID' }),
        )
      ).getControl(MatSelectHarness);

      expect(display().value).toBe('+1 500 555 0004');
      expect(await callerId?.getValueText()).toBe('Sales · (909) 555-0199');
      await callerId?.open();
      expect(await Promise.all((await callerId?.getOptions())?.map((option) => option.getText()) ?? [])).toEqual([
        'Main line · (909) 555-0100',
        'Sales · (909) 555-0199',
      ]);
    });

    it('offers only assigned numbers as caller ID', async () => {
      await render({ numbers: [aPhoneNumber({ id: 13, phoneNumber: '+19095550123', status: 'suspended' })] });
      expect(alerts()[0]).toContain("You don't have a phone number yet");
    });

    it('preselects my first number when ?from= is not mine', async () => {
      await render({ from: '+12125550000' });
      const callerId = await (
        await TestbedHarnessEnvironment.loader(fixture).getHarness(
          MatFormFieldHarness.with({ floatingLabelText: 'Caller ID' }),
        )
      ).getControl(MatSelectHarness);
      expect(await callerId?.getValueText()).toBe('Main line · (909) 555-0100');
    });
  });

  describe('refusals', () => {
    it('says up front that there is no number yet, links to the request form and keeps Call disabled', async () => {
      await render({ numbers: [] });
      pressKeys('9096874971');

      expect(alerts()[0]).toContain("You don't have a phone number yet");
      expect(element.querySelector('[role="alert"] a')?.getAttribute('href')).toBe('/voip/request-number');
      expect(element.querySelector('[role="alert"] a')?.textContent?.trim()).toBe('Request a number');
      expect(buttonNamed('Call').disabled).toBe(true);
    });

    it("shows the API's verdict on an invalid number under the display", async () => {
      await render();
      pressKeys('5551234567');
      buttonNamed('Call').click();
      refuse(expectDial(), 400, 'toNumber is not a valid, dialable phone number', {
        errors: [{ field: 'toNumber', message: 'is not a valid, dialable phone number' }],
      });

      const message = element.querySelector('.number-error');
      expect(message?.getAttribute('role')).toBe('alert');
      expect(message?.textContent?.trim()).toBe('This number is not a valid, dialable phone number.');
      expect(display().getAttribute('aria-describedby')).toBe(message?.id);

      pressKeys('8'); // editing clears it
      expect(element.querySelector('.number-error')).toBeNull();
    });

    it('explains that a pending account awaits approval', async () => {
      await render();
      pressKeys('9096874971');
      buttonNamed('Call').click();
      refuse(expectDial(), 403, 'Your account is awaiting approval; calls unlock once an admin approves it');

      expect(alerts()).toContain(
        'Your account is awaiting approval. You can place calls as soon as an administrator approves it.',
      );
      expect(statusText()).toBe('');
    });

    it('re-reads my numbers on a 409 and shows the no-number state when none is left', async () => {
      await render();
      pressKeys('9096874971');
      buttonNamed('Call').click();
      refuse(expectDial(), 409, 'You have no phone number yet: request one, and place calls once it is assigned');
      httpMock.expectOne((request) => request.url === NUMBERS_ENDPOINTS.numbers).flush(aPage([]));
      refresh();

      expect(alerts().length).toBe(1);
      expect(alerts()[0]).toContain("You don't have a phone number yet");
      expect(buttonNamed('Call').disabled).toBe(true);
    });

    it('tells how long to wait when calls are rate limited', async () => {
      await render();
      pressKeys('9096874971');
      buttonNamed('Call').click();
      refuse(expectDial(), 429, 'Too many calls', { headers: new HttpHeaders({ 'Retry-After': '42' }) });

      expect(alerts()).toContain('You can place up to 10 calls a minute. Try again in 42 seconds.');
    });
  });

  describe('a live call', () => {
    async function dial(number = '5005550004'): Promise<TestRequest> {
      await render();
      pressKeys(number);
      buttonNamed('Call').click();
      refresh();
      return expectDial();
    }

    it('sends a fresh Idempotency-Key with each dial attempt', async () => {
      const first = await dial();
      const firstKey = first.request.headers.get('Idempotency-Key');
      refuse(first, 429, 'Too many calls');
      buttonNamed('Call').click();
      const second = expectDial();

      expect(firstKey).toMatch(/^[0-9a-f-]{36}$/);
      expect(second.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
      expect(second.request.headers.get('Idempotency-Key')).not.toBe(firstKey);
      second.flush(aCall({ id: 9, status: 'initiated' }));
    });

    it('follows the status live, times the call from its answer and shows the outcome', async () => {
      const request = await dial();
      expect(statusText()).toBe('Calling…');
      const placed = aCall({ id: 9, toNumber: '+15005550004', status: 'initiated', durationSeconds: 0, cost: 0 });
      request.flush(placed);
      refresh();

      expect(statusText()).toBe('Calling…');
      expect(region('Current call').textContent).toContain('(500) 555-0004');
      expect(element.querySelector('[role="timer"]')).toBeNull();
      expect(region('Keypad')).toBeNull();

      events.callUpdates.next({ ...placed, status: 'ringing' });
      refresh();
      expect(statusText()).toBe('Ringing…');

      jest.useFakeTimers();
      events.callUpdates.next({ ...placed, status: 'in_progress' });
      refresh();
      expect(statusText()).toBe('In progress');
      expect(element.querySelector('[role="timer"]')?.textContent).toBe('00:00');
      jest.advanceTimersByTime(5_000);
      refresh();
      expect(element.querySelector('[role="timer"]')?.textContent).toBe('00:05');

      events.callUpdates.next({ ...placed, status: 'completed', durationSeconds: 30, cost: 0.02 });
      refresh();
      expect(statusText()).toBe('Completed · 0:30');
      expect(region('Current call')).toBeNull();
      expect(buttonNamed('Call').disabled).toBe(false);
      // The recent calls list has it too.
      expect(element.querySelector('hh-recent-calls')?.textContent).toContain('(500) 555-0004');
    });

    it('applies an update that arrives before the answer to the dial request', async () => {
      const request = await dial();
      const placed = aCall({ id: 9, status: 'initiated' });
      events.callUpdates.next({ ...placed, status: 'ringing' });
      request.flush(placed);
      refresh();
      expect(statusText()).toBe('Ringing…');
    });

    it('hangs up a ringing call by canceling it', async () => {
      const request = await dial();
      const placed = aCall({ id: 9, status: 'ringing', durationSeconds: 0 });
      request.flush(placed);
      refresh();

      buttonNamed('Hang up').click();
      const hangUp = httpMock.expectOne(CALLS_ENDPOINTS.call(9));
      expect(hangUp.request.method).toBe('PATCH');
      expect(hangUp.request.body).toEqual({ status: 'canceled' });
      hangUp.flush({ ...placed, status: 'canceled' });
      refresh();
      expect(statusText()).toBe('Canceled');
    });

    it('hangs up an answered call by completing it, and sends tones, mutes and holds meanwhile', async () => {
      const request = await dial();
      const placed = aCall({ id: 9, status: 'in_progress', durationSeconds: 0 });
      request.flush(placed);
      refresh();

      const keypad = region('In-call keypad');
      expect(keypad).not.toBeNull();
      buttonNamed('#', keypad).click();
      const digits = httpMock.expectOne(CALLS_ENDPOINTS.digits(9));
      expect(digits.request.body).toEqual({ digits: '#' });
      digits.flush(null, { status: 202, statusText: 'Accepted' });
      keydown('5'); // the keyboard sends tones during the call
      httpMock.expectOne(CALLS_ENDPOINTS.digits(9)).flush(null, { status: 202, statusText: 'Accepted' });
      refresh();
      expect(keypad.textContent).toContain('#5');

      const mute = buttonNamed('Mute');
      expect(mute.getAttribute('aria-pressed')).toBe('false');
      mute.click();
      refresh();
      expect(mute.getAttribute('aria-pressed')).toBe('true');
      expect(buttonNamed('Hold').getAttribute('aria-pressed')).toBe('false');

      buttonNamed('Hang up').click();
      const hangUp = httpMock.expectOne(CALLS_ENDPOINTS.call(9));
      expect(hangUp.request.body).toEqual({ status: 'completed' });
      hangUp.flush({ ...placed, status: 'completed', durationSeconds: 12 });
      refresh();
      expect(statusText()).toBe('Completed · 0:12');
    });

    it('retries the hang-up with the transition that applies when the call was answered meanwhile', async () => {
      const request = await dial();
      const placed = aCall({ id: 9, status: 'ringing', durationSeconds: 0 });
      request.flush(placed);
      refresh();

      buttonNamed('Hang up').click();
      refuse(httpMock.expectOne(CALLS_ENDPOINTS.call(9)), 409, 'The call is in progress');
      httpMock
        .expectOne((req) => req.url === CALLS_ENDPOINTS.call(9) && req.method === 'GET')
        .flush({ ...placed, status: 'in_progress' });
      const retry = httpMock.expectOne((req) => req.url === CALLS_ENDPOINTS.call(9) && req.method === 'PATCH');
      expect(retry.request.body).toEqual({ status: 'completed' });
      retry.flush({ ...placed, status: 'completed', durationSeconds: 2 });
      refresh();
      expect(statusText()).toBe('Completed · 0:02');
    });

    it('polls the live call every 3 s while the stream is down, and every 10 s while it is up', async () => {
      const request = await dial();
      jest.useFakeTimers();
      const placed = aCall({ id: 9, status: 'ringing', durationSeconds: 0 });
      request.flush(placed);
      events.connectedState.set(false);
      refresh();
      const polls = () => httpMock.match((req) => req.url === CALLS_ENDPOINTS.call(9) && req.method === 'GET');

      jest.advanceTimersByTime(2_999);
      expect(polls()).toHaveLength(0);
      jest.advanceTimersByTime(1);
      polls()[0].flush({ ...placed, status: 'in_progress' });
      refresh();
      expect(statusText()).toBe('In progress');

      events.connectedState.set(true);
      refresh();
      jest.advanceTimersByTime(9_999);
      expect(polls()).toHaveLength(0);
      jest.advanceTimersByTime(1);
      polls()[0].flush({ ...placed, status: 'completed', durationSeconds: 8 });
      refresh();
      expect(statusText()).toBe('Completed · 0:08');

      jest.advanceTimersByTime(30_000);
      expect(polls()).toHaveLength(0); // over: no more polling
    });

    it('shows an inbound call answered from the incoming-call panel like an outbound one, and completes it', async () => {
      const softphone = TestBed.inject(SoftphoneService);
      softphone.enable();
      TestBed.tick();
      httpMock.expectOne(TELEPHONY_ENDPOINTS.telephony).flush({ provider: 'mock' });
      await settle();
      const inbound = aCall({
        id: 456,
        direction: 'inbound',
        status: 'ringing',
        fromNumber: '+15005550001',
        toNumber: '+19095550100',
        durationSeconds: 0,
        endTime: null,
      });
      events.callIncoming.next(inbound);
      const key = softphone.incoming()[0].key;
      void softphone.accept(key);
      httpMock.expectOne(CALLS_ENDPOINTS.answer(456)).flush({ ...inbound, status: 'in_progress' });
      await settle();

      await render();
      httpMock
        .expectOne((req) => req.url === CALLS_ENDPOINTS.call(456) && req.method === 'GET')
        .flush({ ...inbound, status: 'in_progress' });
      refresh();
      expect(statusText()).toBe('In progress');
      expect(element.querySelector('[role="timer"]')).not.toBeNull();
      expect(region('Current call').textContent).toContain('(500) 555-0001');

      buttonNamed('Hang up').click();
      const hangUp = httpMock.expectOne((req) => req.url === CALLS_ENDPOINTS.call(456) && req.method === 'PATCH');
      expect(hangUp.request.body).toEqual({ status: 'completed' });
      hangUp.flush({ ...inbound, status: 'completed', durationSeconds: 4 });
      refresh();
      expect(statusText()).toBe('Completed · 0:04');
    });

    it('takes over a call that is still live when the page opens', async () => {
      await render({ recent: [aCall({ id: 5, status: 'ringing', toNumber: '+15005550005' })] });
      refresh();
      expect(statusText()).toBe('Ringing…');
      expect(buttonNamed('Hang up')).toBeTruthy();
    });
  });

  describe('recent calls', () => {
    it('lists my latest calls with their outcome and keeps them current', async () => {
      await render({
        recent: [
          aCall({ id: 2, toNumber: '+19096874971', status: 'completed', durationSeconds: 154 }),
          aCall({
            id: 1,
            toNumber: '+19515550123',
            status: 'failed',
            durationSeconds: 0,
            startTime: '2026-11-24T09:00:00.000Z',
          }),
        ],
      });
      const items = () =>
        Array.from(element.querySelectorAll('hh-recent-calls li')).map((item) =>
          item.textContent?.replace(/\s+/g, ' ').trim(),
        );

      expect(items()[0]).toContain('(909) 687-4971');
      expect(items()[0]).toContain('2m 34s');
      expect(element.querySelector('hh-recent-calls li .tone-success')).not.toBeNull();
      expect(items()[1]).toContain('(951) 555-0123');
      expect(items()[1]).toContain('Failed');
      expect(element.querySelectorAll('hh-recent-calls li')[1].querySelector('.tone-danger')).not.toBeNull();

      events.callUpdates.next(
        aCall({
          id: 3,
          toNumber: '+15005550002',
          status: 'busy',
          durationSeconds: 0,
          startTime: '2026-11-24T11:00:00.000Z',
        }),
      );
      refresh();
      expect(items()[0]).toContain('(500) 555-0002');
      expect(items()[0]).toContain('Busy');
    });
  });
});
