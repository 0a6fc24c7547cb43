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
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AdminPhoneNumber, AdminUser, NumberImportResult } from '@hh/contracts';
import { providePortalIcons } from '../../../core/icons/portal-icons';
import { aProblem, aUser } from '../../../testing/auth-fixtures';
import { aPage } from '../../../testing/call-fixtures';
import { startTestSession } from '../../../testing/session';
import { ADMIN_ENDPOINTS } from '../admin-api.service';
import { AdminNumbersPageComponent } from './admin-numbers-page.component';
import { USER_SEARCH_DEBOUNCE_MS } from './assign-number-dialog.component';

function aNumber(overrides: Partial<AdminPhoneNumber> = {}): AdminPhoneNumber {
  return {
    id: 21,
    phoneNumber: '+19096874971',
    friendlyName: 'Front desk',
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
    owner: null,
    ...overrides,
  };
}

const CLEO: AdminUser = {
  ...aUser({ id: 3, name: 'Cleo Client', email: 'cleo@example.com' }),
  totalCalls: 0,
  numbersCount: 1,
};
const AVAILABLE = aNumber();
const ASSIGNED = aNumber({
  id: 22,
  phoneNumber: '+19095550142',
  friendlyName: null,
  ownerId: 3,
  owner: { id: 3, name: 'Cleo Client', email: 'cleo@example.com' },
  status: 'assigned',
  assignedDate: '2026-11-21T10:00:00.000Z',
});

describe('AdminNumbersPageComponent', () => {
  let harness: RouterTestingHarness;
  let httpMock: HttpTestingController;
  let rootLoader: HarnessLoader;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'voip/admin/numbers', component: AdminNumbersPageComponent }]),
        providePortalIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(aUser({ id: 1, role: 'admin' }));
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => httpMock.verify());

  const element = () => harness.routeNativeElement as HTMLElement;
  const button = (name: string) => element().querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
  const row = (id: number) => element().querySelector(`tr[data-number-id="${id}"]`);
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** The first request to `url`, polled for up to 2 s. */
  const nextRequest = async (url: string): Promise<TestRequest> => {
    for (let waited = 0; waited < 2000; waited += 10) {
      const [request] = httpMock.match(url);
      if (request) return request;
      await wait(10);
    }
    return httpMock.expectOne(url);
  };
  const settle = async () => {
    await wait(0);
    await harness.fixture.whenStable();
  };
  const isList = (r: { url: string; method: string }) => r.url === ADMIN_ENDPOINTS.numbers && r.method === 'GET';

  async function visit(path = '/voip/admin/numbers', numbers = [AVAILABLE, ASSIGNED]): Promise<TestRequest> {
    await harness.navigateByUrl(path);
    const list = httpMock.expectOne(isList);
    list.flush(aPage(numbers));
    await harness.fixture.whenStable();
    // Owners come named in the rows: the page costs one request, never one per owner.
    httpMock.expectNone((r) => r.url.startsWith(`${ADMIN_ENDPOINTS.users}/`));
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(harness.fixture);
    return list;
  }

  async function open(name: string): Promise<MatDialogHarness> {
    const target = Array.from(element().querySelectorAll<HTMLButtonElement>('button')).find(
      (candidate) => candidate.getAttribute('aria-label') === name || candidate.textContent?.trim() === name,
    );
    target?.click();
    await harness.fixture.whenStable();
    return rootLoader.getHarness(MatDialogHarness);
  }

  async function press(dialog: MatDialogHarness, text: string): Promise<void> {
    await (await dialog.getHarness(MatButtonHarness.with({ text }))).click();
    await harness.fixture.whenStable();
  }

  async function field(dialog: MatDialogHarness, label: string): Promise<MatInputHarness> {
    return (await (
      await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }))
    ).getControl(MatInputHarness)) as MatInputHarness;
  }

  it('asks for what the URL says and shows each number with its owner and actions', async () => {
    const list = await visit('/voip/admin/numbers?q=909&status=assigned&numberType=local&ownerId=3&page=2');
    const params = list.request.params;
    expect([params.get('q'), params.get('status'), params.get('numberType'), params.get('ownerId')]).toEqual([
      '909',
      'assigned',
      'local',
      '3',
    ]);
    expect(params.get('page')).toBe('2');

    expect(row(21)?.textContent).toContain('(909) 687-4971');
    expect(row(21)?.textContent).toContain('Front desk');
    expect(row(21)?.textContent).toContain('$1.50');
    expect(row(22)?.textContent).toContain('Cleo Client');
    expect(row(22)?.textContent).toContain('cleo@example.com');
    expect(button('Assign (909) 687-4971')).not.toBeNull();
    expect(button('Suspend (909) 687-4971')).not.toBeNull();
    expect(button('Release (909) 555-0142')).not.toBeNull();
    expect(button('Assign (909) 555-0142')).toBeNull();
    expect(button('Edit (909) 555-0142')).not.toBeNull();
    expect(button('Delete (909) 555-0142')).not.toBeNull();
  });

  it('adds a number: checks it first, sends it as E.164 and shows the server field errors', async () => {
    await visit();
    const dialog = await open('Add number');
    const phone = await field(dialog, 'Phone number');
    await phone.setValue('555');
    await press(dialog, 'Add number');
    httpMock.expectNone((r) => r.url === ADMIN_ENDPOINTS.numbers && r.method === 'POST');
    expect(await dialog.getContentText()).toContain('Enter a valid phone number.');

    await phone.setValue('(909) 555-0199');
    await (await field(dialog, 'Friendly name')).setValue('Sales');
    await press(dialog, 'Add number');
    const refused = httpMock.expectOne((r) => r.url === ADMIN_ENDPOINTS.numbers && r.method === 'POST');
    expect(refused.request.body).toMatchObject({
      phoneNumber: '+19095550199',
      friendlyName: 'Sales',
      locationCountry: 'US',
      numberType: 'local',
      monthlyCost: 0,
    });
    refused.flush(aProblem(400, 'Invalid input', [{ field: 'friendlyName', message: 'is taken' }]), {
      status: 400,
      statusText: 'Bad Request',
    });
    await harness.fixture.whenStable();
    expect(await dialog.getContentText()).toContain('Friendly name is taken.');

    await (await field(dialog, 'Friendly name')).setValue('Sales line');
    await press(dialog, 'Add number');
    httpMock
      .expectOne((r) => r.url === ADMIN_ENDPOINTS.numbers && r.method === 'POST')
      .flush(aNumber({ id: 30, phoneNumber: '+19095550199' }), { status: 201, statusText: 'Created' });
    await settle();
    httpMock.expectOne(isList).flush(aPage([AVAILABLE, ASSIGNED, aNumber({ id: 30, phoneNumber: '+19095550199' })]));
    await harness.fixture.whenStable();
    expect(row(30)).not.toBeNull();
  });

  it('imports a CSV file as text/csv and shows the per-line report', async () => {
    await visit();
    const dialog = await open('Import CSV');
    const csv = 'phoneNumber,friendlyName\n+19095550101,A\nnope,B\n+19096874971,C\n';
    const input = document.querySelector<HTMLInputElement>('mat-dialog-container input[type="file"]');
    expect(input?.getAttribute('accept')).toContain('.csv');
    Object.defineProperty(input, 'files', { value: [new File([csv], 'numbers.csv', { type: 'text/csv' })] });
    input?.dispatchEvent(new Event('change'));
    await harness.fixture.whenStable();

    await press(dialog, 'Import');
    // The file is read asynchronously before the upload: wait for the request instead of a fixed 10 ms, which a
    // loaded CI machine outran.
    const request = await nextRequest(ADMIN_ENDPOINTS.importNumbers);
    httpMock.expectNone(ADMIN_ENDPOINTS.importNumbers);
    expect(request.request.headers.get('Content-Type')).toBe('text/csv');
    expect(request.request.body).toBe(csv);
    const report: NumberImportResult = {
      created: 1,
      skipped: 1,
      errors: [{ line: 3, message: 'phoneNumber "nope" is not a valid phone number' }],
      skippedRows: [{ line: 4, message: '+19096874971 is already in the inventory' }],
    };
    request.flush(report);
    await harness.fixture.whenStable();

    const text = await dialog.getContentText();
    expect(text).toContain('1 created, 1 skipped, 1 error.');
    expect(text).toContain('Line 3: phoneNumber "nope" is not a valid phone number');
    expect(text).toContain('Line 4: +19096874971 is already in the inventory');

    await press(dialog, 'Done');
    await settle();
    httpMock.expectOne(isList).flush(aPage([AVAILABLE, ASSIGNED]));
  });

  it('assigns a number to an active user found by search', async () => {
    await visit();
    const dialog = await open('Assign (909) 687-4971');
    const first = httpMock.expectOne((r) => r.url === ADMIN_ENDPOINTS.users);
    expect(first.request.params.get('status')).toBe('active');
    first.flush(aPage([]));
    await harness.fixture.whenStable();

    await (await field(dialog, 'Search active users')).setValue('cleo');
    await wait(USER_SEARCH_DEBOUNCE_MS + 50);
    const search = httpMock.expectOne((r) => r.url === ADMIN_ENDPOINTS.users);
    expect(search.request.params.get('q')).toBe('cleo');
    expect(search.request.params.get('status')).toBe('active');
    search.flush(aPage([CLEO]));
    await harness.fixture.whenStable();

    await (await dialog.getHarness(MatRadioGroupHarness)).checkRadioButton({ label: /Cleo Client/ });
    await press(dialog, 'Assign');
    const assign = httpMock.expectOne(ADMIN_ENDPOINTS.number(21));
    expect(assign.request.method).toBe('PATCH');
    expect(assign.request.body).toEqual({ ownerId: 3 });
    assign.flush({
      ...AVAILABLE,
      ownerId: 3,
      owner: { id: 3, name: 'Cleo Client', email: 'cleo@example.com' },
      status: 'assigned',
      assignedDate: '2026-11-24T10:00:00.000Z',
    });
    await settle();
    // The saved row names its owner: no look-up.
    httpMock.expectNone((r) => r.url.startsWith(`${ADMIN_ENDPOINTS.users}/`));
    expect(row(21)?.textContent).toContain('Cleo Client');
    expect(button('Release (909) 687-4971')).not.toBeNull();
  });

  it('releases and suspends after a confirmation', async () => {
    await visit();
    let dialog = await open('Release (909) 555-0142');
    expect(await dialog.getTitleText()).toBe('Release (909) 555-0142?');
    await press(dialog, 'Release');
    const release = httpMock.expectOne(ADMIN_ENDPOINTS.number(22));
    expect(release.request.body).toEqual({ ownerId: null });
    release.flush({ ...ASSIGNED, ownerId: null, owner: null, status: 'available', assignedDate: null });
    await harness.fixture.whenStable();
    expect(button('Assign (909) 555-0142')).not.toBeNull();

    dialog = await open('Suspend (909) 687-4971');
    await press(dialog, 'Suspend');
    const suspend = httpMock.expectOne(ADMIN_ENDPOINTS.number(21));
    expect(suspend.request.body).toEqual({ status: 'suspended' });
    suspend.flush({ ...AVAILABLE, status: 'suspended' });
    await harness.fixture.whenStable();
    expect(button('Unsuspend (909) 687-4971')).not.toBeNull();
  });

  it("refuses to delete an assigned number with the API's reason", async () => {
    await visit();
    const dialog = await open('Delete (909) 555-0142');
    await press(dialog, 'Delete');
    const remove = httpMock.expectOne(ADMIN_ENDPOINTS.number(22));
    expect(remove.request.method).toBe('DELETE');
    remove.flush(aProblem(409, 'The number is assigned; release it first'), { status: 409, statusText: 'Conflict' });
    await harness.fixture.whenStable();
    expect(element().querySelector('[role="alert"]')?.textContent).toContain(
      'The number is assigned; release it first.',
    );
    expect(await (await rootLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe(
      'The number is assigned; release it first.',
    );
  });

  it('edits a number', async () => {
    await visit();
    const dialog = await open('Edit (909) 687-4971');
    expect(await dialog.getTitleText()).toBe('Edit (909) 687-4971');
    const name = await field(dialog, 'Friendly name');
    expect(await name.getValue()).toBe('Front desk');
    await name.setValue('Reception');
    await press(dialog, 'Save changes');
    const edit = httpMock.expectOne(ADMIN_ENDPOINTS.number(21));
    expect(edit.request.method).toBe('PATCH');
    expect(edit.request.body).toMatchObject({ friendlyName: 'Reception', monthlyCost: 1.5, numberType: 'local' });
    edit.flush({ ...AVAILABLE, friendlyName: 'Reception' });
    await settle();
    expect(row(21)?.textContent).toContain('Reception');
  });
});
