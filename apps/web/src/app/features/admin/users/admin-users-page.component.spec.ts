import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AdminUser, AdminUserDetail } from '@hh/contracts';
import { providePortalIcons } from '../../../core/icons/portal-icons';
import { aProblem, aUser } from '../../../testing/auth-fixtures';
import { aCall, aPage } from '../../../testing/call-fixtures';
import { startTestSession } from '../../../testing/session';
import { ADMIN_ENDPOINTS } from '../admin-api.service';
import { AdminUsersPageComponent } from './admin-users-page.component';
import { SELF_GUARD_HINT } from './user-actions';

function anAdminUser(overrides: Partial<AdminUser> = {}): AdminUser {
  return { ...aUser(), totalCalls: 0, numbersCount: 0, ...overrides };
}

const ME = anAdminUser({ id: 1, name: 'Ada Admin', email: 'ada@example.com', role: 'admin' });
const PENDING = anAdminUser({ id: 2, name: 'Pat Pending', email: 'pat@example.com', status: 'pending' });
const CLIENT = anAdminUser({ id: 3, name: 'Cleo Client', email: 'cleo@example.com', totalCalls: 12, numbersCount: 2 });

describe('AdminUsersPageComponent', () => {
  let harness: RouterTestingHarness;
  let httpMock: HttpTestingController;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'voip/admin/users', component: AdminUsersPageComponent }]),
        providePortalIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(ME);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => httpMock.verify());

  const element = () => harness.routeNativeElement as HTMLElement;
  const url = () => TestBed.inject(Router).url;
  const button = (name: string) => element().querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
  const expectList = (): TestRequest =>
    httpMock.expectOne((request) => request.url === ADMIN_ENDPOINTS.users && request.method === 'GET');

  async function answerList(users: AdminUser[], total = users.length): Promise<TestRequest> {
    const request = expectList();
    const params = request.request.params;
    request.flush(aPage(users, Number(params.get('page')), Number(params.get('pageSize')), total));
    await harness.fixture.whenStable();
    return request;
  }

  async function visit(path: string, users: AdminUser[] = [ME, PENDING, CLIENT]): Promise<TestRequest> {
    await harness.navigateByUrl(path);
    const request = await answerList(users);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(harness.fixture);
    return request;
  }

  async function confirm(buttonName: string, confirmText: string): Promise<MatDialogHarness> {
    button(buttonName)?.click();
    await harness.fixture.whenStable();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    await (await dialog.getHarness(MatButtonHarness.with({ text: confirmText }))).click();
    await harness.fixture.whenStable();
    return dialog;
  }

  it('asks the server for what the URL says', async () => {
    const request = await visit('/voip/admin/users?q=cleo&role=client&status=active&page=2&pageSize=10');
    const params = request.request.params;
    expect(params.get('q')).toBe('cleo');
    expect(params.get('role')).toBe('client');
    expect(params.get('status')).toBe('active');
    expect(params.get('page')).toBe('2');
    expect(params.get('pageSize')).toBe('10');
  });

  it('shows each account with its status pill, calls and numbers', async () => {
    await visit('/voip/admin/users');
    const rows = Array.from(element().querySelectorAll('table[aria-label="Users"] tr.mat-mdc-row'));
    expect(rows).toHaveLength(3);
    const cleo = rows[2];
    expect(cleo.textContent).toContain('cleo@example.com');
    expect(cleo.querySelector('.status-pill')?.textContent?.trim()).toBe('active');
    expect(Array.from(cleo.querySelectorAll('td.numeric')).map((cell) => cell.textContent?.trim())).toEqual([
      '12',
      '2',
    ]);
  });

  it('searches once typing pauses, and filters by role and status', async () => {
    await visit('/voip/admin/users');
    const search = (await (
      await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Search users' }))
    ).getControl(MatInputHarness)) as MatInputHarness;
    await search.setValue('cleo');
    httpMock.expectNone((request) => request.url === ADMIN_ENDPOINTS.users);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await harness.fixture.whenStable();
    expect(url()).toBe('/voip/admin/users?q=cleo');
    expect((await answerList([CLIENT])).request.params.get('q')).toBe('cleo');

    const status = await (
      await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Status' }))
    ).getControl(MatSelectHarness);
    await status?.open();
    await status?.clickOptions({ text: 'Pending' });
    await harness.fixture.whenStable();
    expect(url()).toBe('/voip/admin/users?q=cleo&status=pending');
    expect((await answerList([])).request.params.get('status')).toBe('pending');
    expect(element().textContent).toContain('No users match these filters');
  });

  it('approves a pending user after a confirmation that explains the effect', async () => {
    await visit('/voip/admin/users');
    button('Approve Pat Pending')?.click();
    await harness.fixture.whenStable();
    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Approve Pat Pending?');
    expect(await dialog.getContentText()).toContain('can place calls');
    await (await dialog.getHarness(MatButtonHarness.with({ text: 'Approve' }))).click();
    await harness.fixture.whenStable();

    const request = httpMock.expectOne(ADMIN_ENDPOINTS.user(2));
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ status: 'active' });
    request.flush({ ...PENDING, status: 'active' });
    await harness.fixture.whenStable();

    expect(button('Approve Pat Pending')).toBeNull();
    expect(button('Suspend Pat Pending')).not.toBeNull();
    expect(await (await rootLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('Pat Pending is approved.');
  });

  it('does nothing when the admin backs out', async () => {
    await visit('/voip/admin/users');
    await confirm('Make admin: Cleo Client', 'Keep as client');
    httpMock.expectNone(ADMIN_ENDPOINTS.user(3));
  });

  it('changes roles and suspends', async () => {
    await visit('/voip/admin/users');
    await confirm('Make admin: Cleo Client', 'Make admin');
    const promote = httpMock.expectOne(ADMIN_ENDPOINTS.user(3));
    expect(promote.request.body).toEqual({ role: 'admin' });
    promote.flush({ ...CLIENT, role: 'admin' });
    await harness.fixture.whenStable();
    expect(button('Make client: Cleo Client')).not.toBeNull();

    await confirm('Suspend Cleo Client', 'Suspend');
    const suspend = httpMock.expectOne(ADMIN_ENDPOINTS.user(3));
    expect(suspend.request.body).toEqual({ status: 'suspended' });
    suspend.flush({ ...CLIENT, role: 'admin', status: 'suspended' });
    await harness.fixture.whenStable();
    expect(button('Reactivate Cleo Client')).not.toBeNull();
  });

  it('disables suspending and demoting yourself, and says why', async () => {
    await visit('/voip/admin/users');
    expect(button('Suspend Ada Admin')?.disabled).toBe(true);
    expect(button('Make client: Ada Admin')?.disabled).toBe(true);
    expect(button('Suspend Ada Admin')?.getAttribute('aria-describedby')).toBe('self-guard-hint');
    expect(element().querySelector('#self-guard-hint')?.textContent?.trim()).toBe(SELF_GUARD_HINT);
    expect(button('Suspend Cleo Client')?.disabled).toBe(false);
  });

  it("shows the API's refusal to demote the last active admin", async () => {
    const other = anAdminUser({ id: 4, name: 'Otto Admin', role: 'admin' });
    await visit('/voip/admin/users', [ME, other]);
    await confirm('Make client: Otto Admin', 'Make client');
    httpMock
      .expectOne(ADMIN_ENDPOINTS.user(4))
      .flush(aProblem(409, 'The last active admin cannot be demoted or suspended'), {
        status: 409,
        statusText: 'Conflict',
      });
    await harness.fixture.whenStable();

    const alert = element().querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The last active admin cannot be demoted or suspended.');
    expect(await (await rootLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe(
      'The last active admin cannot be demoted or suspended.',
    );
    expect(button('Make client: Otto Admin')?.disabled).toBe(false);
  });

  it("opens a user's details: totals, numbers, recent calls and activity", async () => {
    await visit('/voip/admin/users');
    button('Details of Cleo Client')?.click();
    await harness.fixture.whenStable();

    const detail: AdminUserDetail = {
      ...CLIENT,
      analytics: {
        totalCalls: 12,
        successfulCalls: 9,
        failedCalls: 2,
        canceledCalls: 1,
        totalDurationSeconds: 1500,
        totalCost: 0.5,
        lastCallDate: '2026-11-23T10:00:00.000Z',
      },
      numbers: [],
    };
    httpMock.expectOne(ADMIN_ENDPOINTS.user(3)).flush(detail);
    const calls = httpMock.expectOne((request) => request.url === ADMIN_ENDPOINTS.calls);
    expect(calls.request.params.get('userId')).toBe('3');
    expect(calls.request.params.get('pageSize')).toBe('5');
    calls.flush(aPage([aCall({ id: 51, toNumber: '+19096874971' })], 1, 5));
    const activity = httpMock.expectOne((request) => request.url === ADMIN_ENDPOINTS.activity);
    expect(activity.request.params.get('userId')).toBe('3');
    expect(activity.request.params.get('pageSize')).toBe('10');
    activity.flush(
      aPage(
        [
          {
            id: 9,
            userId: 3,
            action: 'login',
            entityType: 'user',
            entityId: 3,
            details: null,
            ipAddress: '127.0.0.1',
            userAgent: 'jest',
            createdAt: '2026-11-23T09:00:00.000Z',
          },
        ],
        1,
        10,
      ),
    );
    await harness.fixture.whenStable();

    const dialog = await rootLoader.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('Cleo Client');
    const content = await dialog.getContentText();
    expect(content).toContain('Talk minutes25');
    expect(content).toContain('No numbers assigned.');
    expect(content).toContain('(909) 687-4971');
    expect(content).toContain('login');
  });
});
