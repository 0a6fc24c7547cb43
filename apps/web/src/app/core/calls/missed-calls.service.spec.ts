import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { Call } from '@hh/contracts';
import { CALLS_ENDPOINTS } from '../../shared/calls/calls-api.service';
import { aUser } from '../../testing/auth-fixtures';
import { aCall, aPage } from '../../testing/call-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../testing/live-events';
import { startTestSession } from '../../testing/session';
import { providePortalIcons } from '../icons/portal-icons';
import { PortalSidebarComponent } from '../layout/portal-sidebar.component';
import { historyOpenedKey, MissedCallsService } from './missed-calls.service';

@Component({ template: '' })
class BlankPageComponent {}

describe('MissedCallsService and the Call history badge', () => {
  let events: FakeLiveEvents;
  let http: HttpTestingController;
  const LAST_OPENED = '2026-11-24T09:00:00.000Z';

  const missed = (overrides: Partial<Call> = {}) =>
    aCall({
      id: 40,
      direction: 'inbound',
      status: 'no_answer',
      durationSeconds: 0,
      endTime: new Date().toISOString(),
      ...overrides,
    });

  beforeEach(async () => {
    localStorage.clear();
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'voip/dashboard', component: BlankPageComponent },
          { path: 'voip/calls', component: BlankPageComponent },
        ]),
        providePortalIcons(),
        provideFakeLiveEvents(events),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl('/voip/dashboard');
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  function start(): MissedCallsService {
    const service = TestBed.inject(MissedCallsService);
    startTestSession(aUser({ id: 7 }));
    service.enable();
    TestBed.tick();
    return service;
  }

  it('counts unanswered inbound calls since Call history was last opened, from GET /calls and then live', () => {
    localStorage.setItem(historyOpenedKey(7), LAST_OPENED);
    const service = start();

    const list = http.expectOne((request) => request.url === CALLS_ENDPOINTS.calls);
    expect(list.request.params.get('direction')).toBe('inbound');
    expect(list.request.params.get('status')).toBe('no_answer');
    expect(list.request.params.get('from')).toBe(LAST_OPENED);
    list.flush(aPage([missed({ id: 1 }), missed({ id: 2 })]));
    expect(service.count()).toBe(2);

    events.callUpdates.next(missed({ id: 3 }));
    events.callUpdates.next(missed({ id: 3, notes: 'call back' })); // the same call again
    events.callUpdates.next(missed({ id: 2 })); // counted already
    events.callUpdates.next(missed({ id: 4, status: 'busy' })); // declined: seen, not missed
    events.callUpdates.next(missed({ id: 5, direction: 'outbound' }));
    expect(service.count()).toBe(3);
  });

  it('clears when Call history is opened, and remembers when per user', async () => {
    localStorage.setItem(historyOpenedKey(7), LAST_OPENED);
    const service = start();
    http.expectOne((request) => request.url === CALLS_ENDPOINTS.calls).flush(aPage([missed({ id: 1 })]));
    expect(service.count()).toBe(1);

    await TestBed.inject(Router).navigateByUrl('/voip/calls');
    expect(service.count()).toBe(0);
    expect(Date.parse(localStorage.getItem(historyOpenedKey(7)) ?? '')).toBeGreaterThan(Date.parse(LAST_OPENED));

    // While Call history is open, a missed call is listed right there.
    events.callUpdates.next(missed({ id: 9 }));
    expect(service.count()).toBe(0);
  });

  it('starts from now in a browser that never opened Call history', () => {
    const service = start();
    expect(localStorage.getItem(historyOpenedKey(7))).not.toBeNull();
    expect(service.count()).toBe(0);
    events.callUpdates.next(missed({ id: 9 }));
    expect(service.count()).toBe(1);
  });

  it('shows the count on the Call history entry, in its accessible name too', () => {
    localStorage.setItem(historyOpenedKey(7), LAST_OPENED);
    start();
    http.expectOne((request) => request.url === CALLS_ENDPOINTS.calls).flush(aPage([]));
    const fixture = TestBed.createComponent(PortalSidebarComponent);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const entry = () => element.querySelector<HTMLAnchorElement>('a[href="/voip/calls"]');
    expect(entry()?.getAttribute('aria-label')).toBeNull();
    expect(element.querySelector('[data-testid="missed-calls-badge"]')).toBeNull();

    events.callUpdates.next(missed({ id: 1 }));
    events.callUpdates.next(missed({ id: 2 }));
    fixture.detectChanges();
    expect(entry()?.getAttribute('aria-label')).toBe('Call history, 2 missed calls');
    expect(element.querySelector('[data-testid="missed-calls-badge"]')?.textContent?.trim()).toBe('2');
  });
});
