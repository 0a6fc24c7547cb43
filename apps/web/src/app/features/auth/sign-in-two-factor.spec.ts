import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { MfaChallenge } from '@hh/contracts';
import { AUTH_ENDPOINTS } from '../../core/auth/auth-endpoints';
import { AuthStore } from '../../core/auth/auth-store.service';
import { tokenInterceptor } from '../../core/http/token.interceptor';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { PasswordStrengthService } from '../../shared/forms/password-strength.service';
import { aProblem, aUser, anAuthResponse } from '../../testing/auth-fixtures';
import { AuthPageComponent } from './auth-page.component';

@Component({ template: '' })
class LandedPageComponent {}

const CHALLENGE: MfaChallenge = { mfaRequired: true, mfaToken: 'mfa-token-1', expiresAt: '2026-12-03T18:35:00.000Z' };

/** The second step of a sign-in when the account has two-factor on. */
describe('sign-in with two-factor', () => {
  // Harness interactions add up on a busy machine (the whole web suite runs on two cores).
  jest.setTimeout(30_000);

  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let httpMock: HttpTestingController;

  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));
  async function type(label: string, value: string): Promise<void> {
    const control = await (await field(label)).getControl(MatInputHarness);
    if (!control) throw new Error(`No input labelled ${label}`);
    await control.setValue(value);
    await control.blur();
  }
  const click = async (text: string) => (await loader.getHarness(MatButtonHarness.with({ text }))).click();
  const alertText = () => (harness.routeNativeElement?.querySelector('[role="alert"]')?.textContent ?? '').trim();

  async function passwordStep(): Promise<void> {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/voip/auth', AuthPageComponent);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    await type('Email', 'jane@example.com');
    await type('Password', 'Tr0ubadour');
    await click('Sign in');
    httpMock.expectOne(AUTH_ENDPOINTS.login).flush(CHALLENGE);
    await harness.fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([tokenInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'voip/auth', component: AuthPageComponent },
          { path: '**', component: LandedPageComponent },
        ]),
        providePortalIcons(),
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

  it('asks for the code after the password, sends it with the mfaToken, and signs in', async () => {
    await passwordStep();
    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(false);
    await type('Authentication code', '492 039');
    await click('Verify');
    const request = httpMock.expectOne(AUTH_ENDPOINTS.loginMfa);
    expect(request.request.body).toEqual({ mfaToken: 'mfa-token-1', code: '492039' });
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush(anAuthResponse(aUser()));
    await harness.fixture.whenStable();

    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(true);
    expect(TestBed.inject(Router).url).toBe('/voip/dashboard');
  });

  it('takes a recovery code instead, and shows the reason a code was refused', async () => {
    await passwordStep();
    await click('Use a recovery code');
    await type('Recovery code', 'k7m2-p9xq-4hrt-bw3n');
    await click('Verify');
    httpMock
      .expectOne(AUTH_ENDPOINTS.loginMfa)
      .flush(aProblem(401, 'The recovery code is not one of your unused recovery codes'), {
        status: 401,
        statusText: 'Unauthorized',
      });
    await harness.fixture.whenStable();
    expect(alertText()).toMatch(/not one of your unused recovery codes/);

    await click('Verify');
    const request = httpMock.expectOne(AUTH_ENDPOINTS.loginMfa);
    expect(request.request.body).toEqual({ mfaToken: 'mfa-token-1', recoveryCode: 'k7m2-p9xq-4hrt-bw3n' });
    request.flush(anAuthResponse(aUser()));
    await harness.fixture.whenStable();
    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(true);
  });

  it('goes back to the password when the mfaToken has expired', async () => {
    await passwordStep();
    await type('Authentication code', '492039');
    await click('Verify');
    httpMock
      .expectOne(AUTH_ENDPOINTS.loginMfa)
      .flush(aProblem(401, 'The mfaToken is invalid, expired or already used; sign in again'), {
        status: 401,
        statusText: 'Unauthorized',
      });
    await harness.fixture.whenStable();
    expect(alertText()).toMatch(/took too long/);
    expect(await (await field('Password')).getLabel()).toBe('Password');
  });
});
