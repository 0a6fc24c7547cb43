import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { ACCOUNT_ENDPOINTS } from '../../core/auth/auth-endpoints';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { PasswordStrengthService } from '../../shared/forms/password-strength.service';
import { aProblem, aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import {
  ChangePasswordFormComponent,
  PASSWORD_CHANGED_KEYS_REVOKED_MESSAGE,
  PASSWORD_CHANGED_MESSAGE,
} from './change-password-form.component';

describe('ChangePasswordFormComponent', () => {
  let loader: HarnessLoader;
  let rootLoader: HarnessLoader;
  let httpMock: HttpTestingController;

  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));

  async function type(label: string, value: string): Promise<void> {
    const control = await (await field(label)).getControl(MatInputHarness);
    await control?.setValue(value);
    await control?.blur();
  }

  async function submit(): Promise<void> {
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Change password' }))).click();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ChangePasswordFormComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        providePortalIcons(),
        {
          provide: PasswordStrengthService,
          useValue: { estimate: jest.fn().mockResolvedValue({ score: 4, label: 'Strong' }) },
        },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
    startTestSession(aUser());
    const fixture = TestBed.createComponent(ChangePasswordFormComponent);
    loader = TestbedHarnessEnvironment.loader(fixture);
    rootLoader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
  });

  afterEach(() => httpMock.verify());

  it('flags a confirmation that does not match', async () => {
    await type('Current password', 'Old-passw0rd');
    await type('New password', 'New-passw0rd');
    await type('Confirm new password', 'New-passw0rx');
    await submit();

    expect(await (await field('Confirm new password')).getTextErrors()).toEqual(['Passwords do not match.']);
    httpMock.expectNone(ACCOUNT_ENDPOINTS.password);
  });

  it('shows a wrong current password next to that field', async () => {
    await type('Current password', 'Not-my-passw0rd');
    await type('New password', 'New-passw0rd');
    await type('Confirm new password', 'New-passw0rd');
    await submit();

    const request = httpMock.expectOne(ACCOUNT_ENDPOINTS.password);
    expect(request.request.body).toEqual({
      currentPassword: 'Not-my-passw0rd',
      newPassword: 'New-passw0rd',
      revokeApiKeys: true,
    });
    request.flush(aProblem(400, 'Validation failed', [{ field: 'currentPassword', message: 'is incorrect' }]), {
      status: 400,
      statusText: 'Bad Request',
    });

    expect(await (await field('Current password')).getTextErrors()).toEqual(['Current password is incorrect.']);
  });

  const revokeKeys = () => loader.getHarness(MatCheckboxHarness.with({ label: 'Also revoke my API keys' }));

  it('confirms the change, clears the form and mentions the other sessions and the revoked keys', async () => {
    await type('Current password', 'Old-passw0rd');
    await type('New password', 'New-passw0rd');
    await type('Confirm new password', 'New-passw0rd');
    await submit();
    httpMock.expectOne(ACCOUNT_ENDPOINTS.password).flush(null, { status: 204, statusText: 'No Content' });

    const snackBar = await rootLoader.getHarness(MatSnackBarHarness);
    expect(await snackBar.getMessage()).toBe(PASSWORD_CHANGED_KEYS_REVOKED_MESSAGE);
    expect(PASSWORD_CHANGED_KEYS_REVOKED_MESSAGE).toBe(
      'Password changed. Other sessions were signed out and your API keys revoked.',
    );
    expect(await (await (await field('New password')).getControl(MatInputHarness))?.getValue()).toBe('');
    expect(await (await field('New password')).getTextErrors()).toEqual([]);
    expect(await (await revokeKeys()).isChecked()).toBe(true);
  });

  it('revokes the API keys by default, with a checkbox that explains it', async () => {
    const checkbox = await revokeKeys();
    expect(await checkbox.isChecked()).toBe(true);
    const input = document.querySelector('mat-checkbox input[type="checkbox"]');
    const hint = document.getElementById(input?.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/Integrations using a key stop working.*a key they made with it/s);

    await type('Current password', 'Old-passw0rd');
    await type('New password', 'New-passw0rd');
    await type('Confirm new password', 'New-passw0rd');
    await submit();
    const request = httpMock.expectOne(ACCOUNT_ENDPOINTS.password);
    expect(request.request.body).toEqual({
      currentPassword: 'Old-passw0rd',
      newPassword: 'New-passw0rd',
      revokeApiKeys: true,
    });
    request.flush(null, { status: 204, statusText: 'No Content' });
  });

  it('keeps the API keys when the user unticks the box', async () => {
    await (await revokeKeys()).uncheck();
    await type('Current password', 'Old-passw0rd');
    await type('New password', 'New-passw0rd');
    await type('Confirm new password', 'New-passw0rd');
    await submit();
    const request = httpMock.expectOne(ACCOUNT_ENDPOINTS.password);
    expect(request.request.body).toEqual({
      currentPassword: 'Old-passw0rd',
      newPassword: 'New-passw0rd',
      revokeApiKeys: false,
    });
    request.flush(null, { status: 204, statusText: 'No Content' });

    const snackBar = await rootLoader.getHarness(MatSnackBarHarness);
    expect(await snackBar.getMessage()).toBe(PASSWORD_CHANGED_MESSAGE);
    expect(PASSWORD_CHANGED_MESSAGE).toBe('Password changed. Other sessions were signed out.');
  });
});
