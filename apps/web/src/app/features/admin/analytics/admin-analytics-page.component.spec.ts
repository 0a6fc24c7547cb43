import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonToggleGroupHarness } from '@angular/material/button-toggle/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDateRangeInputHarness } from '@angular/material/datepicker/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { DailyCallFigures, SystemAnalytics } from '@hh/contracts';
import { providePortalIcons } from '../../../core/icons/portal-icons';
import { CallsPerDayChartComponent } from '../../../shared/charts/calls-per-day-chart.component';
import { aProblem, aUser } from '../../../testing/auth-fixtures';
import { startTestSession } from '../../../testing/session';
import { ADMIN_ENDPOINTS } from '../admin-api.service';
import { AdminAnalyticsPageComponent } from './admin-analytics-page.component';
import type { Slice } from './analytics-figures';
import { presetDays } from './analytics-range';
import { BreakdownChartComponent } from './breakdown-chart.component';
import { SuccessRateChartComponent } from './success-rate-chart.component';
import { TalkCostChartComponent } from './talk-cost-chart.component';

/** Stand-ins for the charts (jsdom has no canvas): they show what they were given. Their figures have their own specs. */
@Component({ selector: 'hh-calls-per-day-chart', template: '<p class="calls-stub">{{ first() }}…{{ last() }}</p>' })
class CallsChartStub {
  readonly daily = input.required<readonly DailyCallFigures[]>();
  readonly first = input.required<string>();
  readonly last = input.required<string>();
}

@Component({ selector: 'hh-talk-cost-chart', template: '<p class="talk-stub">{{ daily().length }} days</p>' })
class TalkCostStub {
  readonly daily = input.required<readonly DailyCallFigures[]>();
}

@Component({ selector: 'hh-success-rate-chart', template: '<p class="rate-stub">{{ daily().length }} days</p>' })
class SuccessRateStub {
  readonly daily = input.required<readonly DailyCallFigures[]>();
}

@Component({
  selector: 'hh-breakdown-chart',
  template: `<p class="breakdown-stub">
    {{ title() }}:
    @for (slice of slices(); track slice.key) {
      {{ slice.label }}={{ slice.value }}
    }
  </p>`,
})
class BreakdownStub {
  readonly title = input.required<string>();
  readonly unit = input.required<string>();
  readonly slices = input.required<readonly Slice[]>();
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
    daily: [{ date: '2026-11-20', calls: 5, successful: 3, failed: 1, durationSeconds: 300, cost: 0.1 }],
    byStatus: {
      initiated: 0,
      ringing: 0,
      in_progress: 4,
      completed: 800,
      failed: 100,
      busy: 50,
      no_answer: 50,
      canceled: 230,
    },
    topUsers: [
      { userId: 7, name: 'Cleo Client', email: 'cleo@example.com', calls: 900, durationSeconds: 3000, cost: 10.5 },
      { userId: 3, name: 'Dan Dialer', email: 'dan@example.com', calls: 334, durationSeconds: 690, cost: 1.8456 },
    ],
  };
}

describe('AdminAnalyticsPageComponent', () => {
  let harness: RouterTestingHarness;
  let httpMock: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'voip/admin/analytics', component: AdminAnalyticsPageComponent }]),
        providePortalIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    TestBed.overrideComponent(AdminAnalyticsPageComponent, {
      remove: {
        imports: [
          CallsPerDayChartComponent,
          TalkCostChartComponent,
          SuccessRateChartComponent,
          BreakdownChartComponent,
        ],
      },
      add: { imports: [CallsChartStub, TalkCostStub, SuccessRateStub, BreakdownStub] },
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(aUser({ id: 1, role: 'admin' }));
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => httpMock.verify());

  const element = () => harness.routeNativeElement as HTMLElement;
  const text = (selector: string) => element().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const url = () => TestBed.inject(Router).url;
  const loader = () => TestbedHarnessEnvironment.loader(harness.fixture);
  const expectAnalytics = (): TestRequest => httpMock.expectOne((r) => r.url === ADMIN_ENDPOINTS.analytics);
  const range = (request: TestRequest) => ({
    from: request.request.params.get('from'),
    to: request.request.params.get('to'),
  });
  const button = (name: string) =>
    Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.trim() === name) as HTMLButtonElement;

  async function answer(request: TestRequest, analytics: SystemAnalytics = someAnalytics()): Promise<void> {
    request.flush(analytics);
    await harness.fixture.whenStable();
  }

  async function visit(path: string, analytics?: SystemAnalytics): Promise<TestRequest> {
    await harness.navigateByUrl(path);
    const request = expectAnalytics();
    await answer(request, analytics);
    return request;
  }

  it('opens with the last 30 UTC days, today included, and shows the progress while loading', async () => {
    await harness.navigateByUrl('/voip/admin/analytics');
    expect(element().querySelector('mat-progress-bar')).not.toBeNull();
    const request = expectAnalytics();
    expect(range(request)).toEqual(presetDays('30d'));
    await answer(request);

    expect(element().querySelector('mat-progress-bar')).toBeNull();
    expect(url()).toBe('/voip/admin/analytics');
    const toggles = await (await loader().getHarness(MatButtonToggleGroupHarness)).getToggles();
    const checked = await Promise.all(
      toggles.map(async (toggle) => [await toggle.getText(), await toggle.isChecked()]),
    );
    expect(checked.filter(([, on]) => on)).toEqual([['30 days', true]]);
  });

  it('shows the range, its headline figures, every chart, the top users and the inventory', async () => {
    await visit('/voip/admin/analytics?from=2026-11-01&to=2026-11-30');

    expect(text('#range-heading')).toBe('Nov 1 – Nov 30, 2026 · 30 UTC days');
    const headlines = Array.from(element().querySelectorAll('.headline')).map((h) => [
      h.querySelector('dt')?.textContent?.trim(),
      h.querySelector('dd')?.textContent?.trim(),
    ]);
    expect(headlines).toEqual([
      ['Calls', '1,234'],
      ['Success rate', '80%'],
      ['Talk time', '1h 1m'],
      ['Cost', '$12.35'],
    ]);
    expect(text('.calls-stub')).toBe('2026-11-01…2026-11-30');
    expect(text('.talk-stub')).toBe('1 days');
    expect(text('.rate-stub')).toBe('1 days');
    const breakdowns = Array.from(element().querySelectorAll('.breakdown-stub')).map((b) =>
      b.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(breakdowns).toEqual([
      'Calls by status: In progress=4 Completed=800 Failed=100 Busy=50 No answer=50 Canceled=230',
      'Number inventory: Assigned=40 Available=12 Pending or suspended=4',
    ]);

    const table = await loader().getHarness(MatTableHarness.with({ selector: '[aria-label="Top users"]' }));
    const columns = await table.getCellTextByColumnName();
    expect(columns['rank'].text).toEqual(['1', '2']);
    expect(columns['calls'].text).toEqual(['900', '334']);
    expect(columns['talkTime'].text).toEqual(['50m', '11m 30s']);
    expect(columns['cost'].text).toEqual(['$10.50', '$1.85']);
    const users = Array.from(element().querySelectorAll('td.mat-column-user')).map((cell) => [
      cell.querySelector('a')?.textContent?.trim(),
      cell.querySelector('.email')?.textContent?.trim(),
    ]);
    expect(users).toEqual([
      ['Cleo Client', 'cleo@example.com'],
      ['Dan Dialer', 'dan@example.com'],
    ]);
    const link = element().querySelector<HTMLAnchorElement>('table a');
    expect(link?.getAttribute('href')).toBe('/voip/admin/users?q=cleo@example.com');
  });

  it('keeps a preset in the URL and asks for its days', async () => {
    await visit('/voip/admin/analytics');
    const group = await loader().getHarness(MatButtonToggleGroupHarness);
    const [sevenDays] = await group.getToggles({ text: '7 days' });
    await sevenDays.check();

    expect(url()).toBe('/voip/admin/analytics?range=7d');
    const request = expectAnalytics();
    expect(range(request)).toEqual(presetDays('7d'));
    await answer(request);

    // The default preset leaves the URL bare again.
    const [thirtyDays] = await group.getToggles({ text: '30 days' });
    await thirtyDays.check();
    expect(url()).toBe('/voip/admin/analytics');
    await answer(expectAnalytics());
  });

  it('reads a preset from the URL on reload', async () => {
    const request = await visit('/voip/admin/analytics?range=last-month');
    expect(range(request)).toEqual(presetDays('last-month'));
    const [checked] = await (await loader().getHarness(MatButtonToggleGroupHarness)).getToggles({ checked: true });
    expect(await checked.getText()).toBe('Last month');
  });

  it('takes a custom range from the date range picker into the URL', async () => {
    await visit('/voip/admin/analytics?from=2026-11-01&to=2026-11-30');
    const picker = await loader().getHarness(MatDateRangeInputHarness);
    expect(await picker.getValue()).toBe('11/1/2026 – 11/30/2026');

    await (await picker.getStartInput()).setValue('11/10/2026');
    expect(url()).toBe('/voip/admin/analytics?from=2026-11-10&to=2026-11-30');
    await answer(expectAnalytics());

    await (await picker.getEndInput()).setValue('11/20/2026');
    expect(url()).toBe('/voip/admin/analytics?from=2026-11-10&to=2026-11-20');
    const request = expectAnalytics();
    expect(range(request)).toEqual({ from: '2026-11-10', to: '2026-11-20' });
    await answer(request);
    expect(text('#range-heading')).toBe('Nov 10 – Nov 20, 2026 · 11 UTC days');
    const toggles = await (await loader().getHarness(MatButtonToggleGroupHarness)).getToggles({ checked: true });
    expect(toggles).toHaveLength(0);
  });

  it('says so when the range has no calls, and still shows the inventory', async () => {
    const quiet = {
      ...someAnalytics({ calls: 0, successfulCalls: 0, failedCalls: 0, totalDurationSeconds: 0, totalCost: 0 }),
      topUsers: [],
    };
    await visit('/voip/admin/analytics', quiet);

    expect(text('.empty-state h3')).toBe('No calls in this range');
    expect(element().querySelector('.calls-stub')).toBeNull();
    expect(element().querySelector('table')).toBeNull();
    expect(text('.breakdown-stub')).toContain('Number inventory');
  });

  it("shows the API's problem for a bad range, without figures, and tries again on request", async () => {
    await harness.navigateByUrl('/voip/admin/analytics?from=2020-01-01&to=2026-01-01');
    expectAnalytics().flush(aProblem(400, 'The range may span at most 731 days'), {
      status: 400,
      statusText: 'Bad Request',
    });
    await harness.fixture.whenStable();

    expect(text('[role="alert"]')).toBe('The range may span at most 731 days.');
    expect(element().querySelector('.figures')).toBeNull();
    expect(button('Export CSV').disabled).toBe(true);

    button('Try again').click();
    const retry = expectAnalytics();
    expect(range(retry)).toEqual({ from: '2020-01-01', to: '2026-01-01' });
    await answer(retry);
    expect(element().querySelector('[role="alert"]')).toBeNull();
    expect(element().querySelector('.figures')).not.toBeNull();
  });

  it('exports the daily figures of the range on screen as a CSV file', async () => {
    const createObjectURL = jest.fn(() => 'blob:analytics');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    let downloaded = '';
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloaded = this.download;
    });

    await visit('/voip/admin/analytics?from=2026-11-01&to=2026-11-30');
    button('Export CSV').click();

    const request = httpMock.expectOne((r) => r.url === ADMIN_ENDPOINTS.analyticsExport);
    expect(range(request)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['date,calls\n2026-11-01,5\n'], { type: 'text/csv' }));

    expect(createObjectURL).toHaveBeenCalled();
    expect(downloaded).toBe('analytics-2026-11-01-to-2026-11-30.csv');
    click.mockRestore();
  });
});
