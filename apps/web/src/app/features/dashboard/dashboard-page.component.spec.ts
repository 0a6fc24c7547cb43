import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CallStats, DailyCallFigures, UserStatus } from '@hh/contracts';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { aUser } from '../../testing/auth-fixtures';
import { aCall, aPage } from '../../testing/call-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../testing/live-events';
import { startTestSession } from '../../testing/session';
import { CALLS_ENDPOINTS } from '../../shared/calls/calls-api.service';
import { CallsPerDayChartComponent } from '../../shared/charts/calls-per-day-chart.component';
import { DashboardPageComponent, statsPeriod } from './dashboard-page.component';

/** Stands in for the chart: jsdom has no canvas. The chart's own figures are covered by its spec. */
@Component({ selector: 'hh-calls-per-day-chart', template: '<p class="chart-stub">{{ daily().length }} days</p>' })
class ChartStubComponent {
  readonly daily = input.required<readonly DailyCallFigures[]>();
  readonly first = input.required<string>();
  readonly last = input.required<string>();
}

function someStats(overrides: Partial<CallStats> = {}): CallStats {
  return {
    totalCalls: 1234,
    successfulCalls: 40,
    failedCalls: 10,
    canceledCalls: 2,
    totalDurationSeconds: 3690,
    averageDurationSeconds: 92,
    totalCost: 1.2345,
    successRate: 0.8,
    byStatus: {
      initiated: 0,
      ringing: 0,
      in_progress: 0,
      completed: 40,
      failed: 6,
      busy: 2,
      no_answer: 2,
      canceled: 2,
    },
    daily: [{ date: '2026-11-20', calls: 5, successful: 3, failed: 1, durationSeconds: 300, cost: 0.1 }],
    ...overrides,
  };
}

const linkNames = (element: HTMLElement) =>
  Array.from(element.querySelectorAll('a')).map((link) => link.textContent?.replace(/\s+/g, ' ').trim());

describe('DashboardPageComponent', () => {
  let httpMock: HttpTestingController;
  let events: FakeLiveEvents;

  beforeEach(() => {
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      imports: [DashboardPageComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        providePortalIcons(),
        provideFakeLiveEvents(events),
      ],
    });
    TestBed.overrideComponent(DashboardPageComponent, {
      remove: { imports: [CallsPerDayChartComponent] },
      add: { imports: [ChartStubComponent] },
    });
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => jest.useRealTimers());

  const statsRequests = () => httpMock.match((request) => request.url === CALLS_ENDPOINTS.stats);
  const recentRequest = () =>
    httpMock.expectOne((request) => request.url === CALLS_ENDPOINTS.calls && request.method === 'GET');

  async function renderFor(status: UserStatus) {
    startTestSession(aUser({ name: 'Jane Doe', status }));
    const fixture = TestBed.createComponent(DashboardPageComponent);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  function card(element: HTMLElement, label: string): { value: string; detail: string } {
    const group = Array.from(element.querySelectorAll('[role="group"]')).find(
      (candidate) =>
        element.querySelector(`#${candidate.getAttribute('aria-labelledby')}`)?.textContent?.trim() === label,
    );
    if (!group) throw new Error(`No stat card "${label}"`);
    return {
      value: group.querySelector('.stat-value')?.textContent?.trim() ?? '',
      detail: group.querySelector('.stat-detail')?.textContent?.trim() ?? '',
    };
  }

  it('greets the user by name', async () => {
    const { element } = await renderFor('active');
    expect(element.querySelector('h1')?.textContent).toContain('Welcome, Jane Doe');
  });

  it('tells a pending user, as a status message, that approval is awaited and what already works', async () => {
    const { element } = await renderFor('pending');
    const notice = element.querySelector('[role="status"]');

    expect(notice?.textContent).toContain('Your account is awaiting approval');
    expect(notice?.textContent).toContain('Calls and API keys unlock');
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe('/voip/request-number');
    expect(linkNames(element)).not.toContain('Dialer');
  });

  it('offers an active user quick actions to the dialer, number requests and API keys', async () => {
    const { element } = await renderFor('active');

    expect(element.querySelector('[role="status"]')).toBeNull();
    const actions = Array.from(element.querySelectorAll<HTMLAnchorElement>('.actions a')).map((link) =>
      link.getAttribute('href'),
    );
    expect(actions).toEqual(['/voip/dialer', '/voip/request-number', '/voip/api-keys']);
  });

  it('alerts a suspended user and shows no call figures', async () => {
    const { element } = await renderFor('suspended');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Your account is suspended');
    expect(element.querySelector('.actions')).toBeNull();
    expect(element.querySelector('hh-call-stat-cards')).toBeNull();
    expect(statsRequests()).toHaveLength(0);
  });

  it('asks for the stats of the last 30 days and shows them on four cards', async () => {
    const { fixture, element } = await renderFor('active');
    const [request] = statsRequests();
    const period = statsPeriod();
    expect(request.request.params.get('from')).toBe(period.from);
    expect(request.request.params.get('to')).toBe(period.to);
    expect(new Date(period.from).getDate()).toBe(new Date(Date.now() - 29 * 86_400_000).getDate());
    expect(card(element, 'Calls').value).toBe('—');

    request.flush(someStats());
    await fixture.whenStable();

    expect(card(element, 'Calls')).toEqual({ value: '1,234', detail: '40 completed · 10 failed' });
    expect(card(element, 'Success rate')).toEqual({ value: '80%', detail: '40 of 50 answered' });
    expect(card(element, 'Talk minutes').value).toBe('62');
    expect(card(element, 'Talk minutes').detail).toBe('1m 32s average');
    expect(card(element, 'Cost').value).toBe('$1.23');
    expect(element.querySelector('.chart-stub')?.textContent).toBe('1 days');
  });

  it('shows a pending user their (empty) figures too, harmlessly', async () => {
    const { fixture, element } = await renderFor('pending');
    statsRequests()[0].flush(
      someStats({ totalCalls: 0, successfulCalls: 0, failedCalls: 0, successRate: 0, totalCost: 0, daily: [] }),
    );
    await fixture.whenStable();
    expect(card(element, 'Success rate')).toEqual({ value: '0%', detail: 'No calls yet' });
  });

  it('lists the recent calls and re-reads the stats about a second after calls end', async () => {
    const { fixture, element } = await renderFor('active');
    statsRequests()[0].flush(someStats());
    recentRequest().flush(
      aPage([aCall({ id: 1, toNumber: '+19096874971', status: 'completed', durationSeconds: 154 })]),
    );
    await fixture.whenStable();
    expect(element.querySelector('hh-recent-calls')?.textContent).toContain('(909) 687-4971');

    jest.useFakeTimers();
    events.callUpdates.next(aCall({ id: 2, status: 'ringing', startTime: '2026-11-24T11:00:00.000Z' }));
    events.callUpdates.next(aCall({ id: 2, status: 'completed', startTime: '2026-11-24T11:00:00.000Z' }));
    jest.advanceTimersByTime(500);
    events.callUpdates.next(aCall({ id: 3, status: 'failed', startTime: '2026-11-24T11:01:00.000Z' }));
    jest.advanceTimersByTime(999);
    expect(statsRequests()).toHaveLength(0);

    jest.advanceTimersByTime(1);
    const refreshed: TestRequest[] = statsRequests();
    expect(refreshed).toHaveLength(1);
    refreshed[0].flush(someStats({ totalCalls: 1236 }));
    fixture.detectChanges();
    expect(card(element, 'Calls').value).toBe('1,236');
  });

  it('re-reads the stats and the recent calls when the live stream reconnects', async () => {
    await renderFor('active');
    statsRequests()[0].flush(someStats());
    recentRequest().flush(aPage([]));

    events.reconnected.next();
    expect(statsRequests()).toHaveLength(1);
    recentRequest();
  });
});
