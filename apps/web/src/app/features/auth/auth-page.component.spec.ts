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
import { MatTabGroupHarness } from '@angular/material/tabs/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AUTH_ENDPOINTS } from '../../core/auth/auth-endpoints';
import { AuthStore } from '../../core/auth/auth-store.service';
import { tokenInterceptor } from '../../core/http/token.interceptor';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { PasswordStrengthService } from '../../shared/forms/password-strength.service';
import { aProblem, aUser, anAuthResponse } from '../../testing/auth-fixtures';
import { AuthPageComponent } from './auth-page.component';

@Component({ template: '' })
class LandedPageComponent {}

describe('AuthPageComponent', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let httpMock: HttpTestingController;
  let strengthEstimate: jest.Mock;

  async function open(url = '/voip/auth'): Promise<void> {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, AuthPageComponent);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  }

  const field = (label: string) => loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: label }));

  async function type(label: string, value: string): Promise<void> {
    const control = await (await field(label)).getControl(MatInputHarness);
    if (!control) throw new Error(`No input labelled ${label}`);
    await control.setValue(value);
    await control.blur();
  }

  async function errorsOf(label: string): Promise<string[]> {
    return (await field(label)).getTextErrors();
  }

  const alertText = () => (harness.routeNativeElement?.querySelector('[role="alert"]')?.textContent ?? '').trim();

  async function click(buttonText: string): Promise<void> {
    await (await loader.getHarness(MatButtonHarness.with({ text: buttonText }))).click();
  }

  async function showSignUp(): Promise<void> {
    await (await loader.getHarness(MatTabGroupHarness)).selectTab({ label: 'Sign up' });
  }

  beforeEach(() => {
    strengthEstimate = jest.fn().mockResolvedValue({ score: 3, label: 'Good' });
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([tokenInterceptor])),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'voip/auth', component: AuthPageComponent },
          { path: '**', component: LandedPageComponent },
        ]),
        providePortalIcons(),
        { provide: PasswordStrengthService, useValue: { estimate: strengthEstimate } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpMock.verify());

  it('offers "Sign in" and "Sign up" tabs, signing in first', async () => {
    await open();
    const tabs = await (await loader.getHarness(MatTabGroupHarness)).getTabs();

    expect(await Promise.all(tabs.map((tab) => tab.getLabel()))).toEqual(['Sign in', 'Sign up']);
    expect(await (await (await loader.getHarness(MatTabGroupHarness)).getSelectedTab()).getLabel()).toBe('Sign in');
    expect(await (await field('Email')).getLabel()).toBe('Email');
    expect(await (await field('Password')).getLabel()).toBe('Password');
    expect(await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }))).toBeTruthy();
  });

  it('opens on the sign-up tab when linked with ?mode=signup', async () => {
    await open('/voip/auth?mode=signup');
    expect(await (await (await loader.getHarness(MatTabGroupHarness)).getSelectedTab()).getLabel()).toBe('Sign up');
    expect(await (await field('Name')).getLabel()).toBe('Name');
  });

  it('explains what is missing under each field instead of calling the API', async () => {
    await open();
    await click('Sign in');

    expect(await errorsOf('Email')).toEqual(['Email is required.']);
    expect(await errorsOf('Password')).toEqual(['Password is required.']);
    httpMock.expectNone(AUTH_ENDPOINTS.login);
  });

  it('validates sign-up fields with the API rules', async () => {
    await open();
    await showSignUp();
    await type('Name', ' J ');
    await type('Email', 'jane@localhost');
    await type('Password', 'short');

    expect(await errorsOf('Name')).toEqual(['Name must be at least 2 characters.']);
    expect(await errorsOf('Email')).toEqual(['Enter a valid email address.']);
    expect(await errorsOf('Password')).toEqual([
      'Password must be at least 8 characters, must contain an uppercase letter, must contain a digit.',
    ]);

    await click('Create account');
    httpMock.expectNone(AUTH_ENDPOINTS.signup);
  });

  it('shows a strength meter under the sign-up password', async () => {
    await open('/voip/auth?mode=signup');
    await type('Password', 'Tr0ubadour-42');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await harness.fixture.whenStable();

    expect(strengthEstimate).toHaveBeenCalledWith('Tr0ubadour-42', expect.any(Array));
    expect(harness.routeNativeElement?.querySelector('hh-password-strength-meter')?.textContent).toContain(
      'Password strength: Good',
    );
  });

  it('shows a server field error next to its field', async () => {
    await open('/voip/auth?mode=signup');
    await type('Name', 'Jane Doe');
    await type('Email', 'jane@example.com');
    await type('Password', 'Tr0ubadour');
    await click('Create account');

    const request = httpMock.expectOne(AUTH_ENDPOINTS.signup);
    expect(request.request.body).toEqual({ name: 'Jane Doe', email: 'jane@example.com', password: 'Tr0ubadour' });
    request.flush(
      aProblem(409, 'An account with this email already exists', [
        { field: 'email', message: 'is already registered' },
      ]),
      { status: 409, statusText: 'Conflict' },
    );
    await harness.fixture.whenStable();

    expect(await errorsOf('Email')).toEqual(['Email is already registered.']);
    expect(await errorsOf('Password')).toEqual([]);
    expect(alertText()).toBe('');
  });

  it('creates the account and goes to the dashboard', async () => {
    await open('/voip/auth?mode=signup');
    await type('Name', '  Jane Doe ');
    await type('Email', 'jane@example.com');
    await type('Password', 'Tr0ubadour');
    await click('Create account');

    const request = httpMock.expectOne(AUTH_ENDPOINTS.signup);
    expect(request.request.body.name).toBe('Jane Doe');
    request.flush(anAuthResponse(aUser({ status: 'pending' })));
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/voip/dashboard');
  });

  it('says "Invalid email or password" on a 401', async () => {
    await open();
    await type('Email', 'jane@example.com');
    await type('Password', 'Wrong-pass1');
    await click('Sign in');
    httpMock
      .expectOne(AUTH_ENDPOINTS.login)
      .flush(aProblem(401, 'Unauthorized'), { status: 401, statusText: 'Unauthorized' });
    await harness.fixture.whenStable();

    expect(alertText()).toBe('Invalid email or password');
    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(false);
  });

  it('says how long to wait when sign-in is rate limited', async () => {
    await open();
    await type('Email', 'jane@example.com');
    await type('Password', 'Wrong-pass1');
    await click('Sign in');
    httpMock.expectOne(AUTH_ENDPOINTS.login).flush(aProblem(429, 'Too Many Requests'), {
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'Retry-After': '840' },
    });
    await harness.fixture.whenStable();

    expect(alertText()).toBe('Too many sign-in attempts. Try again in 14 minutes.');
  });

  it('disables "Sign in" while signing in, then sends an admin to the admin console', async () => {
    await open();
    await type('Email', 'admin@hardhathosting.work');
    await type('Password', 'Adm1n-passphrase');
    await click('Sign in');

    const button = await loader.getHarness(MatButtonHarness.with({ text: 'Sign in' }));
    expect(await button.isDisabled()).toBe(true);

    httpMock.expectOne(AUTH_ENDPOINTS.login).flush(anAuthResponse(aUser({ role: 'admin' })));
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/voip/admin');
  });

  it('returns to the page the guard sent the user away from', async () => {
    await open('/voip/auth?returnUrl=%2Fvoip%2Fsettings');
    await type('Email', 'jane@example.com');
    await type('Password', 'Tr0ubadour');
    await click('Sign in');
    httpMock.expectOne(AUTH_ENDPOINTS.login).flush(anAuthResponse(aUser()));
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/voip/settings');
  });
});
