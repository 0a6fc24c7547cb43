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
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AdminActivityLog, AdminNumberRequest, PhoneNumber } from '@hh/contracts';
import { providePortalIcons } from '../../../core/icons/portal-icons';
import { aProblem, aUser } from '../../../testing/auth-fixtures';
import { aPage } from '../../../testing/call-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../../testing/live-events';
import { startTestSession } from '../../../testing/session';
import { ADMIN_ENDPOINTS } from '../admin-api.service';
import { AdminRequestsPageComponent, LIVE_REFRESH_MS } from './admin-requests-page.component';
import { NUMBER_SEARCH_DEBOUNCE_MS } from './approve-request-dialog.component';

function aRequest(overrides: Partial<AdminNumberRequest> = {}): AdminNumberRequest {
  return {
    id: 11,
    userId: 3,
    areaCode: '909',
    cityPreference: 'Riverside',
    numberType: 'local',
    businessName: 'Cleo Co',
    businessWebsite: null,
    reason: 'Sales line',
    status: 'pending',
    adminNotes: null,
    assignedNumberId: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    processedAt: null,
    user: { id: 3, name: 'Cleo Client', email: 'cleo@example.com' },
    ...overrides,
  };
}

function aNumber(overrides: Partial<PhoneNumber> = {}): PhoneNumber {
  return {
    id: 21,
    phoneNumber: '+19096874971',
    friendlyName: null,
    locationCity: 'Riverside',
    locationState: 'CA',
    locationCountry: 'US',
    ownerId: null,
    status: 'available',
    numberType: 'local',
    monthlyCost: 1.5,
    provider: 'mock',
    assignedDate: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

const PENDING = aRequest();
const APPROVED = aRequest({
  id: 12,
  status: 'approved',
  user: { id: 4, name: 'Ava Waiting', email: 'ava@example.com' },
});
const DENIED = aRequest({ id: 13, status: 'denied', adminNotes: 'No toll-free' });
const SUGGESTED = aNumber();
const OTHER = aNumber({ id: 22, phoneNumber: '+19095550142', locationCity: 'Ontario' });

describe('AdminRequestsPageComponent', () => {
  let harness: RouterTestingHarness;
  let httpMock: HttpTestingController;
  let events: FakeLiveEvents;
  let rootLoader: HarnessLoader;

  beforeEach(async () => {
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'voip/admin/requests', component: AdminRequestsPageComponent }]),
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
  const button = (name: string) => element().querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
  const row = (id: number) => element().querySelector(`tr[data-request-id="${id}"]`);
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** The dialog closes, then the page applies its result. */
  const settle = async () => {
    await wait(0);
    await harness.fixture.whenStable();
  };

  async function answerList(requests: AdminNumberRequest[]): Promise<TestRequest> {
    const request = httpMock.expectOne((r) => r.url === ADMIN_ENDPOINTS.requests && r.method === 'GET');
    request.flush(aPage(requests, 1, 25));
    await harness.fixture.whenStable();
    return request;
  }

  async function visit(path = '/voip/admin/requests', requests = [PENDING, APPROVED, DENIED]): Promise<TestRequest> {
    await harness.navigateByUrl(path);
    const request = await answerList(requests);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(harness.fixture);
    return request;
  }

  async function openDialog(name: string): Promise<MatDialogHarness> {
    button(name)?.click();
    await harness.fixture.whenStable();
    return rootLoader.getHarness(MatDialogHarness);
  }

  async function answerPicker(suggestion: PhoneNumber | null, available: PhoneNumber[]): Promise<void> {
    httpMock.expectOne(ADMIN_ENDPOINTS.suggestion(11)).flush(suggestion);
    const search = httpMock.expectOne((r) => r.url === ADMIN_ENDPOINTS.numbers);
    expect(search.request.params.get('status')).toBe('available');
    search.flush(aPage(available));
    await harness.fixture.whenStable();
  }

  async function clickDialogButton(dialog: MatDialogHarness, text: string): Promise<void> {
    await (await dialog.getHarness(MatButtonHarness.with({ text }))).click();
    await harness.fixture.whenStable();
  }

  it('lists the queue with the status filter from the URL, and offers each status its actions', async () => {
    const request = await visit('/voip/admin/requests?status=pending');
    expect(request.request.params.get('status')).toBe('pending');

    await harness.navigateByUrl('/voip/admin/requests');
    await answerList([PENDING, APPROVED, DENIED]);
    expect(row(11)?.textContent).toContain('Cleo Client');
    expect(row(11)?.textContent).toContain('cleo@example.com');
    expect(row(11)?.textContent).toContain('Local · area code 909 · Riverside');
    expect(button('Approve request 11 from Cleo Client')).not.toBeNull();
    expect(button('Deny request 11 from Cleo Client')).not.toBeNull();
    expect(button('Fulfil request 12 from Ava Waiting')).not.toBeNull();
    expect(row(13)?.querySelector('button')).toBeNull();

    const loader = TestbedHarnessEnvironment.loader(harness.fixture);
    const status = await (
      await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Status' }))
    ).getControl(MatSelectHarness);
    await status?.open();
    await status?.clickOptions({ text: 'Approved' });
    await harness.fixture.whenStable();
    expect(url()).toBe('/voip/admin/requests?status=approved');
    expect((await answerList([APPROVED])).request.params.get('status')).toBe('approved');
  });

  it('approves with the suggested match', async () => {
    await visit();
    const dialog = await openDialog('Approve request 11 from Cleo Client');
    await answerPicker(SUGGESTED, [SUGGESTED, OTHER]);
    expect(await dialog.getContentText()).toContain('Suggested match: (909) 687-4971');

    await clickDialogButton(dialog, 'Approve');
    const approve = httpMock.expectOne(ADMIN_ENDPOINTS.approve(11));
    expect(approve.request.body).toEqual({ numberId: 21 });
    approve.flush({ ...PENDING, status: 'fulfilled', assignedNumberId: 21 });
    await settle();

    expect(row(11)?.querySelector('.status-pill')?.textContent?.trim()).toBe('Fulfilled');
    expect(button('Approve request 11 from Cleo Client')).toBeNull();
  });

  it('approves with another number found by search', async () => {
    await visit();
    const dialog = await openDialog('Approve request 11 from Cleo Client');
    await answerPicker(SUGGESTED, [SUGGESTED]);

    const search = (await (
      await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Search available numbers' }))
    ).getControl(MatInputHarness)) as MatInputHarness;
    await search.setValue('555');
    await wait(NUMBER_SEARCH_DEBOUNCE_MS + 50);
    const found = httpMock.expectOne((r) => r.url === ADMIN_ENDPOINTS.numbers);
    expect(found.request.params.get('q')).toBe('555');
    expect(found.request.params.get('status')).toBe('available');
    found.flush(aPage([OTHER]));
    await harness.fixture.whenStable();

    const group = await dialog.getHarness(MatRadioGroupHarness);
    await group.checkRadioButton({ label: /\(909\) 555-0142/ });
    await clickDialogButton(dialog, 'Approve');
    const approve = httpMock.expectOne(ADMIN_ENDPOINTS.approve(11));
    expect(approve.request.body).toEqual({ numberId: 22 });
    approve.flush({ ...PENDING, status: 'fulfilled', assignedNumberId: 22 });
    await harness.fixture.whenStable();
  });

  it('approves without a number when nothing matches: the request waits as approved', async () => {
    await visit();
    const dialog = await openDialog('Approve request 11 from Cleo Client');
    await answerPicker(null, []);
    expect(await dialog.getContentText()).toContain('No available number matches this request.');

    await clickDialogButton(dialog, 'Approve');
    const approve = httpMock.expectOne(ADMIN_ENDPOINTS.approve(11));
    expect(approve.request.body).toEqual({});
    approve.flush({ ...PENDING, status: 'approved' });
    await settle();
    expect(button('Fulfil request 11 from Cleo Client')).not.toBeNull();
  });

  it("shows the API's refusal inside the dialog", async () => {
    await visit();
    const dialog = await openDialog('Approve request 11 from Cleo Client');
    await answerPicker(SUGGESTED, []);
    await clickDialogButton(dialog, 'Approve');
    httpMock
      .expectOne(ADMIN_ENDPOINTS.approve(11))
      .flush(aProblem(409, 'The requester is not active'), { status: 409, statusText: 'Conflict' });
    await harness.fixture.whenStable();
    expect(await dialog.getContentText()).toContain('The requester is not active.');
  });

  it('fulfils an approved request with a picked number', async () => {
    await visit();
    const dialog = await openDialog('Fulfil request 12 from Ava Waiting');
    httpMock.expectOne(ADMIN_ENDPOINTS.suggestion(12)).flush(null);
    httpMock.expectOne((r) => r.url === ADMIN_ENDPOINTS.numbers).flush(aPage([OTHER]));
    await harness.fixture.whenStable();

    const submit = await dialog.getHarness(MatButtonHarness.with({ text: 'Fulfil' }));
    expect(await submit.isDisabled()).toBe(true);
    await (await dialog.getHarness(MatRadioGroupHarness)).checkRadioButton({ label: /\(909\) 555-0142/ });
    await submit.click();
    await harness.fixture.whenStable();
    const fulfil = httpMock.expectOne(ADMIN_ENDPOINTS.fulfill(12));
    expect(fulfil.request.body).toEqual({ numberId: 22 });
    fulfil.flush({ ...APPROVED, status: 'fulfilled', assignedNumberId: 22 });
    await settle();
    expect(row(12)?.querySelector('.status-pill')?.textContent?.trim()).toBe('Fulfilled');
  });

  it('denies only with admin notes', async () => {
    await visit();
    const dialog = await openDialog('Deny request 11 from Cleo Client');
    await clickDialogButton(dialog, 'Deny request');
    httpMock.expectNone(ADMIN_ENDPOINTS.deny(11));
    expect(await dialog.getContentText()).toContain('Tell the requester why the request is denied.');

    const notes = (await (
      await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: /Admin notes/ }))
    ).getControl(MatInputHarness)) as MatInputHarness;
    await notes.setValue('  No numbers in 909 this month  ');
    await clickDialogButton(dialog, 'Deny request');
    const deny = httpMock.expectOne(ADMIN_ENDPOINTS.deny(11));
    expect(deny.request.body).toEqual({ adminNotes: 'No numbers in 909 this month' });
    deny.flush({ ...PENDING, status: 'denied', adminNotes: 'No numbers in 909 this month' });
    await settle();
    expect(row(11)?.querySelector('.status-pill')?.textContent?.trim()).toBe('Denied');
    expect(row(11)?.textContent).toContain('Notes: No numbers in 909 this month');
  });

  it('reads the queue again when a request changes elsewhere', async () => {
    await visit();
    const entry: AdminActivityLog = {
      id: 1,
      userId: 9,
      action: 'request_created',
      entityType: 'number_request',
      entityId: 14,
      details: null,
      ipAddress: null,
      userAgent: null,
      createdAt: '2026-11-24T10:00:00.000Z',
      user: { id: 9, name: 'Rae Requester', email: 'rae@example.com' },
      entityUser: null,
    };
    events.activity.next({ ...entry, action: 'login' });
    events.activity.next(entry);
    events.requestUpdates.next(PENDING);
    await wait(LIVE_REFRESH_MS + 50);
    await answerList([aRequest({ id: 14 }), PENDING, APPROVED]);
    expect(row(14)).not.toBeNull();
  });
});
