import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { ActivatedRoute, provideRouter } from '@angular/router';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { EmailVerificationBannerComponent } from './email-verification-banner.component';
import { takeTokenFromFragment } from './email-api.service';
import { VerifyEmailPageComponent } from './verify-email-page.component';

const TOKEN = 'q3Jx0n0m8o2sV3H1cGk8m0d3E2l5ZQ9zR6bVwYtUaXc';

describe('takeTokenFromFragment', () => {
  it('reads a well-formed token from the fragment only', () => {
    expect(takeTokenFromFragment(`token=${TOKEN}`)).toBe(TOKEN);
    expect(takeTokenFromFragment('token=short')).toBeNull();
    expect(takeTokenFromFragment(null)).toBeNull();
  });
});

describe('the pages mailed links open', () => {
  let httpMock: HttpTestingController;

  function setUp(fragment: string | null): void {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        providePortalIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: ActivatedRoute, useValue: { snapshot: { fragment } } },
      ],
    });
    httpMock = TestBed.inject(HttpTestingController);
  }

  afterEach(() => httpMock.verify());

  it('posts the token of the link and says the address is confirmed', async () => {
    setUp(`token=${TOKEN}`);
    const fixture = TestBed.createComponent(VerifyEmailPageComponent);
    fixture.detectChanges();
    const request = httpMock.expectOne('/api/v1/auth/email/verify');
    expect(request.request.body).toEqual({ token: TOKEN });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Your e-mail address is confirmed.');
  });

  it('says so when the link was used or expired', async () => {
    setUp(`token=${TOKEN}`);
    const fixture = TestBed.createComponent(VerifyEmailPageComponent);
    fixture.detectChanges();
    httpMock
      .expectOne('/api/v1/auth/email/verify')
      .flush(
        { status: 400, title: 'Bad Request', detail: 'token is invalid', errors: [{ field: 'token', message: 'x' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('invalid, already used or expired');
  });

  it('asks an unconfirmed user to confirm and sends the link again on request', async () => {
    setUp(null);
    startTestSession(aUser({ emailVerified: false, email: 'jane@example.com' }));
    const fixture = TestBed.createComponent(EmailVerificationBannerComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Please confirm your e-mail address');
    element.querySelector('button')?.click();
    httpMock
      .expectOne('/api/v1/auth/email/verify/resend')
      .flush(
        { message: 'We sent a new verification link to jane@example.com.' },
        { status: 202, statusText: 'Accepted' },
      );
    await fixture.whenStable();
    expect(element.textContent).toContain('We sent a new verification link');
  });

  it('shows nothing to a confirmed user', async () => {
    setUp(null);
    startTestSession(aUser({ emailVerified: true }));
    const fixture = TestBed.createComponent(EmailVerificationBannerComponent);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent?.trim()).toBe('');
  });
});
