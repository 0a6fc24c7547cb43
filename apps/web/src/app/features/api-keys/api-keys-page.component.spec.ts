import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import type { ApiKey, User } from '@hh/contracts';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { aProblem, aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { API_KEYS_ENDPOINTS, type CreatedApiKey } from './api-keys-api.service';
import { ApiKeysPageComponent, KEY_REVOKED_MESSAGE } from './api-keys-page.component';
import { ApiKeysStore } from './api-keys.store';

function aKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: 3,
    keyName: 'CRM integration',
    prefix: 'hh_live_AbC1',
    creationDate: '2026-11-20T10:00:00.000Z',
    expirationDate: null,
    status: 'active',
    lastUsed: null,
    usageCount: 0,
    ...overrides,
  };
}

const CRM = aKey();
const BILLING = aKey({
  id: 2,
  keyName: 'Billing export',
  prefix: 'hh_live_XyZ9',
  creationDate: '2026-10-01T10:00:00.000Z',
  expirationDate: '2027-06-30T23:59:59.999Z',
  lastUsed: '2026-11-23T08:30:00.000Z',
  usageCount: 1234,
  status: 'revoked',
});
const SECRET = 'hh_live_AbC1dEf2GhI3jKl4MnO5pQr6StU7vWx8YzA9bCd0';

describe('ApiKeysPageComponent', () => {
  let fixture: ComponentFixture<ApiKeysPageComponent>;
  let element: HTMLElement;
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let httpMock: HttpTestingController;
  let writeText: jest.Mock;

  function setUp(user: User = aUser()): void {
    TestBed.configureTestingModule({
      imports: [ApiKeysPageComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        providePortalIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(user);
    fixture = TestBed.createComponent(ApiKeysPageComponent);
    element = fixture.nativeElement as HTMLElement;
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    fixture.detectChanges();
  }

  beforeEach(() => {
    writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  });

  afterEach(() => httpMock.verify());

  const isList = (request: { url: string; method: string }) =>
    request.url === API_KEYS_ENDPOINTS.keys && request.method === 'GET';
  const isCreate = (request: { url: string; method: string }) =>
    request.url === API_KEYS_ENDPOINTS.keys && request.method === 'POST';

  async function show(keys: ApiKey[]): Promise<void> {
    httpMock.expectOne(isList).flush({ data: keys });
    await fixture.whenStable();
  }

  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  const input = async (label: string) => (await (await field(label)).getControl(MatInputHarness)) as MatInputHarness;
  const createButton = () => loader.getHarness(MatButtonHarness.with({ text: 'Create key' }));
  const table = () => loader.getHarness(MatTableHarness);
  const rowOf = (keyId: number) => element.querySelector(`tr[data-key-id="${keyId}"]`);
  const revokeButton = (name: string) =>
    element.querySelector<HTMLButtonElement>(`button[aria-label="Revoke ${name}"]`);

  /** A native date field, as a date picker fills it ("YYYY-MM-DD"). */
  async function pickExpiry(date: string): Promise<void> {
    const field = element.querySelector<HTMLInputElement>('input[type="date"]') as HTMLInputElement;
    field.value = date;
    field.dispatchEvent(new Event('input'));
    field.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  async function create(): Promise<void> {
    await (await createButton()).click();
    await fixture.whenStable();
  }

  describe('the list', () => {
    beforeEach(() => setUp());

    it('says it is loading, then shows each key without its secret', async () => {
      expect(text(element.querySelector('[role="status"]'))).toBe('Loading your keys…');
      await show([CRM, BILLING]);

      const rows = await (await table()).getCellTextByColumnName();
      expect(rows['keyName'].text).toEqual(['CRM integration', 'Billing export']);
      expect(rows['prefix'].text).toEqual(['hh_live_AbC1…', 'hh_live_XyZ9…']);
      expect(rows['creationDate'].text).toEqual(['Nov 20, 2026', 'Oct 1, 2026']);
      expect(rows['expirationDate'].text).toEqual(['Never', 'Jun 30, 2027']);
      expect(rows['lastUsed'].text[0]).toBe('Never');
      expect(rows['lastUsed'].text[1]).toMatch(/^Nov 23, 2026, \d{1,2}:\d{2}:\d{2}/);
      expect(rows['usageCount'].text).toEqual(['0', '1,234']);
      expect(rows['status'].text).toEqual(['Active', 'Revoked']);
      expect(rowOf(3)?.querySelector('.status-pill')?.classList).toContain('tone-success');
      expect(rowOf(2)?.querySelector('.status-pill')?.classList).toContain('tone-danger');
      expect(rowOf(3)?.querySelector('code')?.textContent).toBe('hh_live_AbC1…');

      expect(revokeButton('CRM integration')).not.toBeNull();
      expect(revokeButton('Billing export')).toBeNull();
      expect(Array.from(element.querySelectorAll('th')).map((th) => text(th))).toEqual([
        'Name',
        'Prefix',
        'Created',
        'Expires',
        'Last used',
        'Uses',
        'Status',
        'Actions',
      ]);
    });

    it('says when there are no keys yet, and explains how to use one', async () => {
      await show([]);

      expect(text(element.querySelector('td.empty'))).toBe('You have no API keys yet.');
      const usage = element.querySelector('section.usage');
      expect(text(usage)).toContain('X-API-Key');
      expect(usage?.querySelector('a')?.getAttribute('href')).toBe('/api/docs');
      expect(text(usage?.querySelector('a'))).toBe('API documentation');
    });
  });

  describe('creating a key', () => {
    beforeEach(async () => {
      setUp();
      await show([BILLING]);
    });

    async function createAndShow(): Promise<MatDialogHarness> {
      await (await input('Key name')).setValue('  CRM integration ');
      await pickExpiry('2099-12-31');
      await create();

      const request = httpMock.expectOne(isCreate);
      expect(request.request.body).toEqual({ keyName: 'CRM integration', expiresAt: '2099-12-31T23:59:59.999Z' });
      const created: CreatedApiKey = { ...CRM, expirationDate: '2099-12-31T23:59:59.999Z', key: SECRET };
      request.flush(created, { status: 201, statusText: 'Created' });
      await fixture.whenStable();
      return rootLoader.getHarness(MatDialogHarness);
    }

    it('shows the new key once, in a read-only field, with a warning', async () => {
      const dialog = await createAndShow();

      expect(await dialog.getTitleText()).toBe('API key created');
      expect(await dialog.getContentText()).toContain('It will not be shown again');
      const keyField = await dialog.getHarness(MatFormFieldHarness.with({ floatingLabelText: 'Your new API key' }));
      const keyInput = (await keyField.getControl(MatInputHarness)) as MatInputHarness;
      expect(await keyInput.getValue()).toBe(SECRET);
      expect(await keyInput.isReadonly()).toBe(true);

      const rows = await (await table()).getCellTextByColumnName();
      expect(rows['keyName'].text).toEqual(['CRM integration', 'Billing export']);
      expect(rows['expirationDate'].text[0]).toBe('Dec 31, 2099');
      expect(await (await input('Key name')).getValue()).toBe('');
    });

    it('copies the key to the clipboard and says so', async () => {
      const dialog = await createAndShow();

      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Copy key' }))).click();
      await fixture.whenStable();

      expect(writeText).toHaveBeenCalledWith(SECRET);
      expect(text(document.querySelector('mat-dialog-container .copy-status'))).toBe('Copied');
    });

    it('says so when the clipboard is not available', async () => {
      writeText.mockRejectedValue(new Error('Denied'));
      const dialog = await createAndShow();

      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Copy key' }))).click();
      await fixture.whenStable();

      expect(text(document.querySelector('mat-dialog-container .copy-status'))).toBe(
        'Copying is not available here: select the key and copy it yourself.',
      );
    });

    it('forgets the key once the dialog is closed', async () => {
      const dialog = await createAndShow();

      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Close' }))).click();
      await fixture.whenStable();

      expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toHaveLength(0);
      expect(document.body.innerHTML).not.toContain(SECRET);
      const kept = fixture.debugElement.injector.get(ApiKeysStore).keys();
      expect(kept.map((key) => key.id)).toEqual([3, 2]);
      expect(JSON.stringify(kept)).not.toContain(SECRET);
      expect(rowOf(3)).not.toBeNull();
    });

    it('refuses a past expiry date and an over-long name without asking the server', async () => {
      await (await input('Key name')).setValue('x'.repeat(101));
      await pickExpiry('2020-01-01');
      await create();

      expect(await (await field('Key name')).getTextErrors()).toEqual(['Key name must be at most 100 characters.']);
      expect(await (await field('Expires on')).getTextErrors()).toEqual(['The expiry date must be in the future.']);
      httpMock.expectNone(isCreate);
    });

    it('sends nothing but a blank body when neither is given, for the API defaults', async () => {
      await create();

      const request = httpMock.expectOne(isCreate);
      expect(request.request.body).toEqual({});
      request.flush(aProblem(409, 'You already have 10 active keys; revoke one first'), {
        status: 409,
        statusText: 'Conflict',
      });
      await fixture.whenStable();

      expect(text(element.querySelector('hh-form-error-banner [role="alert"]'))).toBe(
        'You already have 10 active keys; revoke one first.',
      );
      expect(await rootLoader.getAllHarnesses(MatDialogHarness)).toHaveLength(0);
    });

    it("shows the server's refusal of an account that is no longer allowed keys", async () => {
      await create();

      httpMock
        .expectOne(isCreate)
        .flush(aProblem(403, 'Your account is awaiting approval; API keys unlock once an admin approves it'), {
          status: 403,
          statusText: 'Forbidden',
        });
      await fixture.whenStable();

      expect(text(element.querySelector('hh-form-error-banner [role="alert"]'))).toBe(
        'Your account is awaiting approval; API keys unlock once an admin approves it.',
      );
    });
  });

  describe('revoking a key', () => {
    beforeEach(async () => {
      setUp();
      await show([CRM, BILLING]);
    });

    async function askToRevoke(): Promise<MatDialogHarness> {
      revokeButton('CRM integration')?.click();
      await fixture.whenStable();
      return rootLoader.getHarness(MatDialogHarness);
    }

    it('asks first, and keeps the key when the user backs out', async () => {
      const dialog = await askToRevoke();
      expect(await dialog.getTitleText()).toBe('Revoke CRM integration?');
      expect(await dialog.getContentText()).toContain('hh_live_AbC1… stops working at once');

      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Keep key' }))).click();
      await fixture.whenStable();

      httpMock.expectNone(API_KEYS_ENDPOINTS.key(3));
      expect(text(rowOf(3)?.querySelector('.status-pill'))).toBe('Active');
    });

    it('revokes it once confirmed: the row shows it revoked', async () => {
      const dialog = await askToRevoke();
      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Revoke key' }))).click();
      await fixture.whenStable();

      const request = httpMock.expectOne(API_KEYS_ENDPOINTS.key(3));
      expect(request.request.method).toBe('DELETE');
      request.flush(null, { status: 204, statusText: 'No Content' });
      await fixture.whenStable();

      expect(text(rowOf(3)?.querySelector('.status-pill'))).toBe('Revoked');
      expect(revokeButton('CRM integration')).toBeNull();
      expect(await (await rootLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe(KEY_REVOKED_MESSAGE);
    });

    it('explains a failure and loads the list again', async () => {
      const dialog = await askToRevoke();
      await (await dialog.getHarness(MatButtonHarness.with({ text: 'Revoke key' }))).click();
      await fixture.whenStable();

      httpMock
        .expectOne(API_KEYS_ENDPOINTS.key(3))
        .flush(aProblem(404, 'API key not found'), { status: 404, statusText: 'Not Found' });
      await fixture.whenStable();

      expect(await (await rootLoader.getHarness(MatSnackBarHarness)).getMessage()).toBe('API key not found.');
      await show([BILLING]);
      expect(rowOf(3)).toBeNull();
    });
  });

  describe('an account awaiting approval', () => {
    beforeEach(async () => {
      setUp(aUser({ status: 'pending' }));
      await show([]);
    });

    it('explains that keys unlock after approval and disables the form', async () => {
      const notice = element.querySelector('section.notice');
      expect(text(notice?.querySelector('h2'))).toBe('API keys unlock after approval');
      expect(text(notice)).toContain('Your account is awaiting approval.');

      expect(await (await createButton()).isDisabled()).toBe(true);
      expect(await (await input('Key name')).isDisabled()).toBe(true);
      expect(await (await input('Expires on')).isDisabled()).toBe(true);
      httpMock.expectNone(isCreate);
    });
  });

  it('shows no notice to an active account', async () => {
    setUp(aUser({ status: 'active' }));
    await show([]);

    expect(element.querySelector('section.notice')).toBeNull();
    expect(await (await createButton()).isDisabled()).toBe(false);
  });
});
