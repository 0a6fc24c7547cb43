import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { provideRouter } from '@angular/router';
import type { NumberRequest, PhoneNumber } from '@hh/contracts';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { aProblem, aUser } from '../../testing/auth-fixtures';
import { FakeLiveEvents, provideFakeLiveEvents } from '../../testing/live-events';
import { aPage, aPhoneNumber } from '../../testing/call-fixtures';
import { startTestSession } from '../../testing/session';
import { NUMBERS_ENDPOINTS } from '../../shared/numbers/numbers-api.service';
import { NUMBER_REQUESTS_ENDPOINTS } from './number-requests-api.service';
import { REQUEST_SUBMITTED_MESSAGE } from './request-number-form.component';
import { RequestNumberPageComponent } from './request-number-page.component';

function aRequest(overrides: Partial<NumberRequest> = {}): NumberRequest {
  return {
    id: 5,
    userId: 7,
    areaCode: '909',
    cityPreference: 'Riverside',
    numberType: 'local',
    businessName: 'Acme Roofing',
    businessWebsite: 'https://acme-roofing.example',
    reason: 'A local line for our new branch',
    status: 'pending',
    adminNotes: null,
    assignedNumberId: null,
    createdAt: '2026-11-24T10:00:00.000Z',
    processedAt: null,
    ...overrides,
  };
}

const PENDING = aRequest({ id: 5 });
const DENIED = aRequest({
  id: 4,
  numberType: 'toll_free',
  areaCode: null,
  cityPreference: null,
  businessName: null,
  businessWebsite: null,
  reason: null,
  status: 'denied',
  adminNotes: 'No toll-free numbers left this month.',
  processedAt: '2026-11-23T09:00:00.000Z',
});
const FULFILLED = aRequest({
  id: 3,
  status: 'fulfilled',
  assignedNumberId: 11,
  processedAt: '2026-11-22T09:00:00.000Z',
});
const MAIN_LINE = aPhoneNumber({ id: 11, phoneNumber: '+19095550100' });

describe('RequestNumberPageComponent', () => {
  let fixture: ComponentFixture<RequestNumberPageComponent>;
  let element: HTMLElement;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let httpMock: HttpTestingController;
  let events: FakeLiveEvents;

  beforeEach(() => {
    events = new FakeLiveEvents();
    TestBed.configureTestingModule({
      imports: [RequestNumberPageComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        providePortalIcons(),
        provideFakeLiveEvents(events),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(aUser({ status: 'pending' }));
    fixture = TestBed.createComponent(RequestNumberPageComponent);
    element = fixture.nativeElement as HTMLElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    fixture.detectChanges();
  });

  afterEach(() => httpMock.verify());

  const isList = (request: { url: string; method: string }) =>
    request.url === NUMBER_REQUESTS_ENDPOINTS.requests && request.method === 'GET';
  const isCreate = (request: { url: string; method: string }) =>
    request.url === NUMBER_REQUESTS_ENDPOINTS.requests && request.method === 'POST';
  const expectNumbers = (): TestRequest => httpMock.expectOne((request) => request.url === NUMBERS_ENDPOINTS.numbers);

  async function show(requests: NumberRequest[], numbers: PhoneNumber[] = [MAIN_LINE]): Promise<void> {
    httpMock.expectOne(isList).flush(aPage(requests));
    expectNumbers().flush(aPage(numbers));
    await fixture.whenStable();
  }

  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const row = (id: number) => element.querySelector(`article[aria-label="Request #${id}"]`);
  const details = (article: Element | null) =>
    Object.fromEntries(
      Array.from(article?.querySelectorAll('dl > div') ?? []).map((entry) => [
        text(entry.querySelector('dt')),
        text(entry.querySelector('dd')),
      ]),
    );
  const pill = (id: number) => row(id)?.querySelector('.status-pill');
  const button = (name: string, within: Element = element) => {
    const found = Array.from(within.querySelectorAll('button')).find((candidate) => text(candidate) === name);
    if (!found) throw new Error(`No button named "${name}"`);
    return found;
  };
  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));

  async function type(label: string, value: string): Promise<void> {
    const control = (await (await field(label)).getControl(MatInputHarness)) as MatInputHarness;
    await control.setValue(value);
    await control.blur();
  }

  const submit = async () => {
    button('Submit request').click();
    await fixture.whenStable();
  };
  const snackBarMessage = async () => (await rootLoader.getHarness(MatSnackBarHarness)).getMessage();

  describe('my requests', () => {
    it('says it is loading, then lists each request with its status and details', async () => {
      expect(text(element.querySelector('[role="status"]'))).toBe('Loading your requests…');

      const list = httpMock.expectOne(isList);
      expect(list.request.params.toString()).toBe('page=1&pageSize=25');
      list.flush(aPage([PENDING, DENIED, FULFILLED]));
      expectNumbers().flush(aPage([MAIN_LINE]));
      await fixture.whenStable();

      expect(text(pill(5))).toBe('Pending');
      expect(pill(5)?.classList).toContain('tone-active');
      expect(text(row(5)?.querySelector('h3'))).toBe('Local number');
      expect(details(row(5))).toEqual({
        'Area code': '909',
        'City preference': 'Riverside',
        'Business name': 'Acme Roofing',
        'Business website': 'https://acme-roofing.example',
        Reason: 'A local line for our new branch',
      });
      expect(text(row(5)?.querySelector('.meta'))).toMatch(/^#5 · Requested Nov 24, 2026/);
      expect(button('Cancel request', row(5) as Element)).toBeTruthy();

      expect(text(pill(4))).toBe('Denied');
      expect(pill(4)?.classList).toContain('tone-danger');
      expect(details(row(4))).toMatchObject({ 'Admin notes': 'No toll-free numbers left this month.' });
      expect(row(4)?.querySelector('button')).toBeNull();

      expect(text(pill(3))).toBe('Fulfilled');
      expect(pill(3)?.classList).toContain('tone-success');
      expect(details(row(3))).toMatchObject({ 'Assigned number': '(909) 555-0100' });
    });

    it('says when there are none yet', async () => {
      await show([]);

      expect(text(element.querySelector('.empty-state h3'))).toBe('No requests yet');
    });
  });

  describe('the request form', () => {
    beforeEach(() => show([]));

    it('refuses what the API would refuse, without asking it', async () => {
      await type('Area code', '90');
      await type('City preference', 'x'.repeat(101));
      await type('Business website', 'acme.com');
      await type('Reason', 'y'.repeat(2001));
      await submit();

      expect(await (await field('Area code')).getTextErrors()).toEqual(['Area code must be 3 digits.']);
      expect(await (await field('City preference')).getTextErrors()).toEqual([
        'City preference must be at most 100 characters.',
      ]);
      expect(await (await field('Business website')).getTextErrors()).toEqual([
        'Business website must be an http(s) address, such as https://example.com.',
      ]);
      expect(await (await field('Reason')).getTextErrors()).toEqual(['Reason must be at most 2000 characters.']);
      expect(document.activeElement).toBe(element.querySelector('input[formcontrolname="areaCode"]'));
      httpMock.expectNone(isCreate);
    });

    it('sends the request, confirms it and lists it on top as pending', async () => {
      const select = await loader.getHarness(MatSelectHarness.with({ selector: '[formcontrolname="numberType"]' }));
      expect(await select.getValueText()).toBe('Local');
      await select.open();
      expect(await Promise.all((await select.getOptions()).map((option) => option.getText()))).toEqual([
        'Local',
        'Toll-free',
        'Mobile',
      ]);
      await select.clickOptions({ text: 'Mobile' });
      await type('Area code', ' 951 ');
      await type('Business name', 'Acme Roofing');
      await submit();

      const create = httpMock.expectOne(isCreate);
      expect(create.request.body).toEqual({ numberType: 'mobile', areaCode: '951', businessName: 'Acme Roofing' });
      create.flush(
        aRequest({
          id: 9,
          numberType: 'mobile',
          areaCode: '951',
          cityPreference: null,
          businessWebsite: null,
          reason: null,
        }),
        { status: 201, statusText: 'Created' },
      );
      await fixture.whenStable();

      expect(await snackBarMessage()).toBe(REQUEST_SUBMITTED_MESSAGE);
      expect(text(pill(9))).toBe('Pending');
      expect(text(row(9)?.querySelector('h3'))).toBe('Mobile number');
      expect(await select.getValueText()).toBe('Local');
      expect(await (await (await field('Area code')).getControl(MatInputHarness))?.getValue()).toBe('');
      expect(await (await field('Area code')).getTextErrors()).toEqual([]);
    });

    it("puts the server's field errors under their fields", async () => {
      await type('Area code', '000');
      await submit();

      httpMock
        .expectOne(isCreate)
        .flush(aProblem(400, 'Validation failed', [{ field: 'areaCode', message: 'is not an area code in service' }]), {
          status: 400,
          statusText: 'Bad Request',
        });
      await fixture.whenStable();

      expect(await (await field('Area code')).getTextErrors()).toEqual(['Area code is not an area code in service.']);
      expect(element.querySelector('hh-form-error-banner [role="alert"]')).toBeNull();
    });

    it("shows the server's word on a sixth pending request above the form", async () => {
      await submit();

      httpMock
        .expectOne(isCreate)
        .flush(aProblem(409, 'You already have 5 pending requests; wait for one to be processed or cancel one'), {
          status: 409,
          statusText: 'Conflict',
        });
      await fixture.whenStable();

      expect(text(element.querySelector('hh-form-error-banner [role="alert"]'))).toBe(
        'You already have 5 pending requests; wait for one to be processed or cancel one.',
      );
    });
  });

  describe('cancelling a pending request', () => {
    beforeEach(() => show([PENDING, DENIED]));

    async function openConfirmation(): Promise<MatDialogHarness> {
      button('Cancel request', row(5) as Element).click();
      await fixture.whenStable();
      return rootLoader.getHarness(MatDialogHarness);
    }

    it('asks first, and keeps the request when the user backs out', async () => {
      const dialog = await openConfirmation();
      expect(await dialog.getTitleText()).toBe('Cancel this request?');
      expect(await dialog.getContentText()).toContain('Request #5 for a local number will be withdrawn.');

      const keep = await dialog.getHarness(MatButtonHarness.with({ text: 'Keep request' }));
      expect(await keep.isFocused()).toBe(true);
      await keep.click();
      await fixture.whenStable();

      expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toHaveLength(0);
      httpMock.expectNone(NUMBER_REQUESTS_ENDPOINTS.request(5));
      expect(row(5)).not.toBeNull();
    });

    it('withdraws it once confirmed: the row goes and a snack bar says so', async () => {
      await openConfirmation();
      button('Cancel request', document.querySelector('mat-dialog-container') as Element).click();
      await fixture.whenStable();

      const request = httpMock.expectOne(NUMBER_REQUESTS_ENDPOINTS.request(5));
      expect(request.request.method).toBe('DELETE');
      request.flush(null, { status: 204, statusText: 'No Content' });
      await fixture.whenStable();

      expect(row(5)).toBeNull();
      expect(row(4)).not.toBeNull();
      expect(await snackBarMessage()).toBe('Request cancelled.');
    });

    it('explains a request processed meanwhile and shows where it stands', async () => {
      await openConfirmation();
      button('Cancel request', document.querySelector('mat-dialog-container') as Element).click();
      await fixture.whenStable();

      httpMock
        .expectOne(NUMBER_REQUESTS_ENDPOINTS.request(5))
        .flush(aProblem(409, 'The request is already approved; only pending requests can be cancelled'), {
          status: 409,
          statusText: 'Conflict',
        });
      await fixture.whenStable();

      expect(await snackBarMessage()).toBe('The request is already approved; only pending requests can be cancelled.');
      httpMock.expectOne(isList).flush(aPage([{ ...PENDING, status: 'approved' }, DENIED]));
      await fixture.whenStable();
      expect(text(pill(5))).toBe('Approved');
      expect(row(5)?.querySelector('button')).toBeNull();
    });
  });

  describe('live updates', () => {
    beforeEach(() => show([PENDING, DENIED]));

    it('updates an approved request in place and says so', async () => {
      events.requestUpdates.next({
        ...PENDING,
        status: 'approved',
        adminNotes: 'A number will be assigned this week.',
        processedAt: '2026-11-24T12:00:00.000Z',
      });
      await fixture.whenStable();

      expect(text(pill(5))).toBe('Approved');
      expect(pill(5)?.classList).toContain('tone-info');
      expect(details(row(5))).toMatchObject({ 'Admin notes': 'A number will be assigned this week.' });
      expect(details(row(5))['Processed']).toMatch(/^Nov 24, 2026/);
      expect(row(5)?.querySelector('button')).toBeNull();
      expect(await snackBarMessage()).toBe('Your request was approved');
    });

    it('shows the number of a fulfilled request once my numbers include it', async () => {
      events.requestUpdates.next({ ...PENDING, status: 'fulfilled', assignedNumberId: 13 });
      expectNumbers().flush(aPage([MAIN_LINE, aPhoneNumber({ id: 13, phoneNumber: '+19515550142' })]));
      await fixture.whenStable();

      expect(text(pill(5))).toBe('Fulfilled');
      expect(details(row(5))).toMatchObject({ 'Assigned number': '(951) 555-0142' });
      expect(await snackBarMessage()).toBe('Your request was fulfilled');
    });

    it('ignores an update older than what is shown', async () => {
      events.requestUpdates.next({ ...DENIED, status: 'pending', adminNotes: null });
      await fixture.whenStable();

      expect(text(pill(4))).toBe('Denied');
      expect(await rootLoader.getAllHarnesses(MatSnackBarHarness)).toHaveLength(0);
    });

    it('loads everything again when the live stream reconnects', async () => {
      events.reconnected.next();
      await show([{ ...PENDING, status: 'denied', adminNotes: 'Not available' }, DENIED]);

      expect(text(pill(5))).toBe('Denied');
    });
  });
});
