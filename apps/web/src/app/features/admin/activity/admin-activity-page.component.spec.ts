import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AdminActivityLog } from '@hh/contracts';
import { providePortalIcons } from '../../../core/icons/portal-icons';
import { aUser } from '../../../testing/auth-fixtures';
import { aPage } from '../../../testing/call-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../../testing/live-events';
import { startTestSession } from '../../../testing/session';
import { ADMIN_ENDPOINTS } from '../admin-api.service';
import { AdminActivityPageComponent } from './admin-activity-page.component';

function anEntry(overrides: Partial<AdminActivityLog> = {}): AdminActivityLog {
  return {
    id: 100,
    userId: 3,
    action: 'number_assigned',
    entityType: 'phone_number',
    entityId: 21,
    details: { ownerId: 3, phoneNumber: '+19096874971' },
    ipAddress: '203.0.113.9',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    createdAt: '2026-11-24T10:00:00.000Z',
    user: { id: 3, name: 'Cleo Client', email: 'cleo@example.com' },
    entityUser: null,
    ...overrides,
  };
}

describe('AdminActivityPageComponent', () => {
  let harness: RouterTestingHarness;
  let httpMock: HttpTestingController;
  let events: FakeLiveEvents;

  beforeEach(async () => {
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'voip/admin/activity', component: AdminActivityPageComponent }]),
        providePortalIcons(),
        provideFakeLiveEvents(events),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(aUser({ id: 1, role: 'admin' }));
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => httpMock.verify());

  const element = () => harness.routeNativeElement as HTMLElement;
  const url = () => TestBed.inject(Router).url;
  const row = (id: number) => element().querySelector(`tr[data-activity-id="${id}"]`);
  const rowCount = () => element().querySelectorAll('table[aria-label="Activity log"] tr.mat-mdc-row').length;
  const isList = (r: { url: string }) => r.url === ADMIN_ENDPOINTS.activity;

  /** Answers the list; its entries name their users, so nothing else is asked for. */
  async function answerList(entries: AdminActivityLog[], total = entries.length): Promise<TestRequest> {
    const request = httpMock.expectOne(isList);
    request.flush(aPage(entries, 1, Number(request.request.params.get('pageSize')), total));
    await harness.fixture.whenStable();
    httpMock.expectNone((r) => r.url.startsWith(`${ADMIN_ENDPOINTS.users}/`));
    return request;
  }

  async function visit(path: string, entries = [anEntry()]): Promise<TestRequest> {
    await harness.navigateByUrl(path);
    return answerList(entries);
  }

  it('asks for what the URL says, with calendar days as the instants that bound them', async () => {
    const request = await visit(
      '/voip/admin/activity?userId=3&action=login&entityType=user&from=2026-11-01&to=2026-11-30&page=2',
    );
    const params = request.request.params;
    expect(params.get('userId')).toBe('3');
    expect(params.get('action')).toBe('login');
    expect(params.get('entityType')).toBe('user');
    expect(params.get('from')).toBe(new Date(2026, 10, 1).toISOString());
    expect(params.get('to')).toBe(new Date(2026, 10, 30, 23, 59, 59, 999).toISOString());
    expect(params.get('page')).toBe('2');
  });

  it('shows who, what, the details as key: value text and the user agent in full on hover', async () => {
    await visit('/voip/admin/activity');
    const cells = Array.from(row(100)?.querySelectorAll('td') ?? []).map((cell) => cell.textContent?.trim());
    expect(cells[1]).toBe('Cleo Client (#3)');
    expect(cells[2]).toBe('number_assigned');
    expect(cells[3]).toBe('phone_number #21');
    expect(cells[4]).toBe('ownerId: 3 · phoneNumber: +19096874971');
    expect(cells[5]).toBe('203.0.113.9');
    expect(cells[6]?.endsWith('…')).toBe(true);
    expect(row(100)?.querySelector('.agent')?.getAttribute('title')).toContain('Safari/537.36');
  });

  it('opens an entry in full: every field, and its details as JSON', async () => {
    await visit('/voip/admin/activity');
    (row(100)?.querySelector('button[aria-label="Full entry #100"]') as HTMLButtonElement).click();
    await harness.fixture.whenStable();
    const dialog = document.querySelector('hh-activity-detail-dialog');
    expect(dialog?.querySelector('h2')?.textContent).toContain('Activity entry #100');
    expect(JSON.parse(dialog?.querySelector('pre')?.textContent ?? '')).toEqual({
      ownerId: 3,
      phoneNumber: '+19096874971',
    });
    expect(dialog?.textContent).toContain('Safari/537.36');
  });

  it('names who acted from the entry itself: System for none, the id alone for a user deleted since', async () => {
    await visit('/voip/admin/activity', [
      anEntry({ id: 100 }),
      anEntry({ id: 99, userId: null, user: null }),
      anEntry({ id: 98, userId: 8, user: null }),
    ]);
    const who = (id: number) => row(id)?.querySelectorAll('td')[1]?.textContent?.trim();
    expect([who(100), who(99), who(98)]).toEqual(['Cleo Client (#3)', 'System', 'User #8']);
  });

  it('filters by action from the list of actions', async () => {
    await visit('/voip/admin/activity');
    const loader = TestbedHarnessEnvironment.loader(harness.fixture);
    const action = await (
      await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Action' }))
    ).getControl(MatSelectHarness);
    await action?.open();
    await action?.clickOptions({ text: 'request_denied' });
    await harness.fixture.whenStable();
    expect(url()).toBe('/voip/admin/activity?action=request_denied');
    expect((await answerList([])).request.params.get('action')).toBe('request_denied');
    expect(element().textContent).toContain('No activity matches these filters');
  });

  it('adds new entries live on the first page without filters', async () => {
    await visit('/voip/admin/activity');
    events.activity.next(anEntry({ id: 101, action: 'login', userId: 3 }));
    await harness.fixture.whenStable();
    expect(rowCount()).toBe(2);
    expect(element().querySelector('tr.mat-mdc-row')?.getAttribute('data-activity-id')).toBe('101');

    events.activity.next(anEntry({ id: 101, action: 'login' }));
    await harness.fixture.whenStable();
    expect(rowCount()).toBe(2);
  });

  it('leaves a filtered view alone', async () => {
    await visit('/voip/admin/activity?action=login', [anEntry({ action: 'login' })]);
    events.activity.next(anEntry({ id: 102, action: 'login' }));
    await harness.fixture.whenStable();
    expect(row(102)).toBeNull();
  });
});
