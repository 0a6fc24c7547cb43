import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { API_BASE_PATH } from '@hh/contracts';
import { PasswordStrengthService } from '../../shared/forms/password-strength.service';
import { aProblem } from '../../testing/auth-fixtures';
import { ResetPasswordPageComponent } from './reset-password-page.component';

const TOKEN = 'q3Jx0n0m8o2sV3H1cGk8m0d3E2l5ZQ9zR6bVwYtUaXc';
const RESET = `${API_BASE_PATH}/auth/password/reset`;

/** A reset of an account with two-factor on asks for a code (the API says so with a 400 on code). */
describe('reset password with two-factor', () => {
  // Harness interactions add up on a busy machine (the whole web suite runs on two cores).
  jest.setTimeout(30_000);

  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let httpMock: HttpTestingController;

  async function type(label: string, value: string): Promise<void> {
    const field = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
    await (await field.getControl(MatInputHarness))?.setValue(value);
  }
  const click = async (text: string) => (await loader.getHarness(MatButtonHarness.with({ text }))).click();

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'voip/reset-password', component: ResetPasswordPageComponent }]),
        {
          provide: PasswordStrengthService,
          useValue: { estimate: jest.fn().mockResolvedValue({ score: 3, label: 'Good' }) },
        },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });
  afterEach(() => httpMock.verify());

  it('shows the code field when the API asks for it, and sends the code with the new password', async () => {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/voip/reset-password#token=${TOKEN}`, ResetPasswordPageComponent);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    await type('New password', 'Harbour-Kestrel-42');
    await type('Repeat the new password', 'Harbour-Kestrel-42');
    await click('Change password');
    const first = httpMock.expectOne(RESET);
    expect(first.request.body).toEqual({ token: TOKEN, newPassword: 'Harbour-Kestrel-42', revokeApiKeys: true });
    first.flush(
      aProblem(400, 'code is required', [{ field: 'code', message: 'is required: this account has two-factor on' }]),
      { status: 400, statusText: 'Bad Request' },
    );
    await harness.fixture.whenStable();

    await type('Authentication or recovery code', '492 039');
    await click('Change password');
    const second = httpMock.expectOne(RESET);
    expect(second.request.body).toEqual({
      token: TOKEN,
      newPassword: 'Harbour-Kestrel-42',
      revokeApiKeys: true,
      code: '492039',
    });
    second.flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement?.textContent).toContain('Your password was changed');
  });
});
