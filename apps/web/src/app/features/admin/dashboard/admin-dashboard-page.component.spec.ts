import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AdminActivityLog, DailyCallFigures, SystemAnalytics } from '@hh/contracts';
import { providePortalIcons } from '../../../core/icons/portal-icons';
import { CallsPerDayChartComponent } from '../../../shared/charts/calls-per-day-chart.component';
import { aProblem, aUser } from '../../../testing/auth-fixtures';
import { aPage } from '../../../testing/call-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../../testing/live-events';
import { startTestSession } from '../../../testing/session';
import { ADMIN_ENDPOINTS } from '../admin-api.service';
import { AdminDashboardPageComponent } from './admin-dashboard-page.component';

/** Stands in for the chart: jsdom has no canvas. The chart's own figures are covered by its spec. */
@Component({
  selector: 'hh-calls-per-day-chart',
  template: '<p class="chart-stub">{{ first() }}…{{ last() }}: {{ daily().length }} days</p>',
})
class ChartStubComponent {
  readonly daily = input.required<readonly DailyCallFigures[]>();
  readonly first = input.required<string>();
  readonly last = input.required<string>();
}

function someAnalytics(overrides: Partial<SystemAnalytics['totals']> = {}): SystemAnalytics {
  return {
    totals: {
      users: 142,
      activeUsers: 130,
      pendingUsers: 9,
      suspendedUsers: 3,
      calls: 1234,
      successfulCalls: 800,
      failedCalls: 200,
      totalDurationSeconds: 3690,
      totalCost: 12.3456,
      numbers: 56,
      assignedNumbers: 40,
      availableNumbers: 12,
      pendingRequests: 4,
      ...overrides,
    },
    daily: [
      { date: '2026-11-23', calls: 30, successful: 20, failed: 5, durationSeconds: 3000, cost: 1 },
      { date: '2026-11-24', calls: 17, successful: 10, failed: 2, durationSeconds: 600, cost: 0.4 },
    ],
    byStatus: {
      initiated: 0,
      ringing: 0,
      in_progress: 0,
      completed: 800,
      failed: 100,
      busy: 50,
      no_answer: 50,
      canceled: 234,
    },
    topUsers: [],
  };
}

function anEntry(id: number, overrides: Partial<AdminActivityLog> = {}): AdminActivityLog {
  return {
    id,
    userId: id,
    action: 'signup',
    entityType: 'user',
    entityId: id,
    details: { email: `user${id}@example.com` },
    ipAddress: '203.0.113.9',
    userAgent: 'Mozilla/5.0',
    createdAt: '2026-11-24T10:00:00.000Z',
    user: null,
    entityUser: null,
    ...overrides,
  };
}

describe('AdminDashboardPageComponent', () => {
  let httpMock: HttpTestingController;
  let events: FakeLiveEvents;

  beforeEach(() => {
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      imports: [AdminDashboardPageComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        providePortalIcons(),
        provideFakeLiveEvents(events),
      ],
    });
    TestBed.overrideComponent(AdminDashboardPageComponent, {
      remove: { imports: [CallsPerDayChartComponent] },
      add: { imports: [ChartStubComponent] },
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(aUser({ id: 1, role: 'admin' }));
  });

  afterEach(() => {
    jest.useRealTimers();
    // The feed names users from the entries themselves: never one request per user.
    httpMock.expectNone((r) => r.url.startsWith(`${ADMIN_ENDPOINTS.users}/`));
    httpMock.verify();
  });

  const analyticsRequests = () => httpMock.match((r) => r.url === ADMIN_ENDPOINTS.analytics);
  const activityRequest = () => httpMock.expectOne((r) => r.url === ADMIN_ENDPOINTS.activity);

  async function render() {
    const fixture = TestBed.createComponent(AdminDashboardPageComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element };
  }

  async function renderLoaded(analytics = someAnalytics(), entries = [anEntry(3), anEntry(2)]) {
    const rendered = await render();
    const [figures] = analyticsRequests();
    figures.flush(analytics);
    activityRequest().flush(aPage(entries, 1, 10, entries.length));
    await rendered.fixture.whenStable();
    return rendered;
  }

  function card(element: HTMLElement, label: string) {
    const group = Array.from(element.querySelectorAll('[role="group"]')).find(
      (candidate) =>
        element.querySelector(`#${candidate.getAttribute('aria-labelledby')}`)?.textContent?.trim() === label,
    );
    if (!group) throw new Error(`No stat card "${label}"`);
    const link = group.querySelector('a');
    return {
      value: group.querySelector('.stat-value')?.textContent?.trim() ?? '',
      detail: group.querySelector('.stat-detail')?.textContent?.trim() ?? '',
      hidden: group.querySelector('.visually-hidden')?.textContent?.trim() ?? '',
      link: [link?.textContent?.trim(), link?.getAttribute('href')],
    };
  }

  const feed = (element: HTMLElement) =>
    Array.from(element.querySelectorAll('[aria-label="Recent activity"] li')).map((item) =>
      item.querySelector('.what')?.textContent?.replace(/\s+/g, ' ').trim(),
    );

  it('asks for the API default range and shows dashes, said to be loading, until the figures arrive', async () => {
    const { element, fixture } = await render();
    const [figures] = analyticsRequests();
    expect(figures.request.params.keys()).toEqual([]);
    expect(card(element, 'Users')).toMatchObject({ value: '—', hidden: 'Loading' });
    expect(element.querySelector('.chart-placeholder')?.textContent?.trim()).toBe('Loading…');

    figures.flush(someAnalytics());
    activityRequest().flush(aPage([]));
    await fixture.whenStable();
    expect(card(element, 'Users').value).toBe('142');
  });

  it('shows the four cards of the wireframe, each with a link to its full page', async () => {
    const { element } = await renderLoaded();

    expect(card(element, 'Users')).toMatchObject({
      value: '142',
      detail: '9 pending · 3 suspended',
      link: ['Review pending users', '/voip/admin/users?status=pending'],
    });
    expect(card(element, 'Calls · last 30 days')).toMatchObject({
      value: '1,234',
      detail: '17 today (UTC)',
      link: ['Open analytics', '/voip/admin/analytics'],
    });
    expect(card(element, 'Numbers')).toMatchObject({
      value: '56',
      detail: '40 assigned · 12 available',
      link: ['Open the inventory', '/voip/admin/numbers'],
    });
    expect(card(element, 'Pending requests')).toMatchObject({
      value: '4',
      detail: 'Awaiting review',
      link: ['Review requests', '/voip/admin/requests'],
    });
  });

  it('links Users to the whole list when nobody waits for approval', async () => {
    const { element } = await renderLoaded(someAnalytics({ pendingUsers: 0, pendingRequests: 0 }));
    expect(card(element, 'Users').link).toEqual(['Manage users', '/voip/admin/users']);
    expect(card(element, 'Pending requests').detail).toBe('The queue is clear');
  });

  it("draws the call volume over the API's days, today last", async () => {
    const { element } = await renderLoaded();
    expect(element.querySelector('.chart-stub')?.textContent).toBe('2026-11-23…2026-11-24: 2 days');
  });

  it('lists the latest activity, newest first, in words, with a link to the full log', async () => {
    const { element } = await renderLoaded(someAnalytics(), [
      anEntry(12, { action: 'number_assigned', details: { phoneNumber: '+19096874971', ownerId: 3 } }),
      anEntry(11, { action: 'call_initiated', entityType: 'call', details: { toNumber: '+15005550004' } }),
      anEntry(10),
    ]);
    expect(feed(element)).toEqual([
      'Number assigned: (909) 687-4971',
      'New call: to (500) 555-0004',
      'User signup: user10@example.com',
    ]);
    const more = Array.from(element.querySelectorAll('a')).find((a) => a.textContent?.includes('full activity log'));
    expect(more?.getAttribute('href')).toBe('/voip/admin/activity');
  });

  it('asks for one page of the ten newest entries', async () => {
    await render();
    analyticsRequests()[0].flush(someAnalytics());
    const request = activityRequest();
    expect(activityRequestParams(request)).toEqual({ page: '1', pageSize: '10' });
    request.flush(aPage([]));
  });

  it('puts live activity on top at once, keeps ten, and reloads the figures once a burst has settled', async () => {
    const entries = Array.from({ length: 10 }, (_, index) => anEntry(20 - index));
    const { element, fixture } = await renderLoaded(someAnalytics(), entries);

    jest.useFakeTimers();
    events.activity.next(anEntry(21, { details: { email: 'new@example.com' } }));
    fixture.detectChanges();
    expect(feed(element)[0]).toBe('User signup: new@example.com');
    expect(feed(element)).toHaveLength(10);
    expect(feed(element)).not.toContain('User signup: user11@example.com');

    events.activity.next(anEntry(21, { details: { email: 'new@example.com' } }));
    jest.advanceTimersByTime(500);
    // The user a live line is about goes by the name the event carries, with no look-up.
    const nadia = { id: 22, name: 'Nadia Newcomer', email: 'nadia@example.com' };
    events.activity.next(anEntry(22, { action: 'login', details: null, user: nadia, entityUser: nadia }));
    fixture.detectChanges();
    expect(feed(element).slice(0, 2)).toEqual(['Sign-in: Nadia Newcomer', 'User signup: new@example.com']);
    events.activity.next(anEntry(23, { action: 'login', details: null }));
    fixture.detectChanges();
    // A user deleted since the entry was written is named by id.
    expect(feed(element)[0]).toBe('Sign-in: user #23');
    jest.advanceTimersByTime(999);
    expect(analyticsRequests()).toHaveLength(0);

    jest.advanceTimersByTime(1);
    const refreshed = analyticsRequests();
    expect(refreshed).toHaveLength(1);
    refreshed[0].flush(someAnalytics({ users: 143, pendingUsers: 10 }));
    fixture.detectChanges();
    expect(card(element, 'Users')).toMatchObject({ value: '143', detail: '10 pending · 3 suspended' });
  });

  it('keeps entries pushed while the feed was loading', async () => {
    const { element, fixture } = await render();
    analyticsRequests()[0].flush(someAnalytics());
    jest.useFakeTimers();
    events.activity.next(anEntry(9, { details: { email: 'early@example.com' } }));
    activityRequest().flush(aPage([anEntry(8), anEntry(7)]));
    fixture.detectChanges();
    expect(feed(element)).toEqual([
      'User signup: early@example.com',
      'User signup: user8@example.com',
      'User signup: user7@example.com',
    ]);
    jest.advanceTimersByTime(1_000);
    analyticsRequests()[0].flush(someAnalytics());
  });

  it('re-reads the figures and the feed when the live stream reconnects', async () => {
    const { fixture } = await renderLoaded();
    events.reconnected.next();
    analyticsRequests()[0].flush(someAnalytics());
    activityRequest().flush(aPage([]));
    await fixture.whenStable();
  });

  it('shows a problem with the figures or the feed, each with its own retry', async () => {
    const { element, fixture } = await render();
    analyticsRequests()[0].flush(aProblem(503, 'Database unavailable'), { status: 503, statusText: 'Unavailable' });
    activityRequest().flush(aProblem(403, 'Admins only'), { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();

    const alerts = Array.from(element.querySelectorAll('[role="alert"]')).map((a) => a.textContent?.trim());
    expect(alerts).toEqual(['Something went wrong on our side. Please try again in a moment.', 'Admins only.']);
    expect(card(element, 'Users')).toMatchObject({ value: '—', hidden: 'Not available' });
    expect(element.querySelector('.chart-placeholder')?.textContent?.trim()).toBe('No figures to show.');

    const retries = Array.from(element.querySelectorAll('button')).filter((b) => b.textContent?.trim() === 'Try again');
    expect(retries).toHaveLength(2);
    retries[0].click();
    analyticsRequests()[0].flush(someAnalytics());
    retries[1].click();
    activityRequest().flush(aPage([anEntry(5)]));
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(card(element, 'Users').value).toBe('142');
    expect(feed(element)).toEqual(['User signup: user5@example.com']);
  });
});

function activityRequestParams(request: TestRequest): Record<string, string | null> {
  const params = request.request.params;
  return Object.fromEntries(params.keys().map((key) => [key, params.get(key)]));
}
