import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  convertToParamMap,
  provideRouter,
  type ActivatedRouteSnapshot,
  type Params,
  type RouterStateSnapshot,
} from '@angular/router';
import { aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { guestGuard } from './guest.guard';

function runGuard(queryParams: Params = {}): ReturnType<typeof guestGuard> {
  const route = { queryParamMap: convertToParamMap(queryParams) } as ActivatedRouteSnapshot;
  return TestBed.runInInjectionContext(() => guestGuard(route, { url: '/voip/auth' } as RouterStateSnapshot));
}

describe('guestGuard', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
  });

  it('shows the sign-in page to signed-out visitors', () => {
    expect(runGuard()).toBe(true);
  });

  it('sends a signed-in client to the dashboard', () => {
    startTestSession(aUser({ role: 'client' }));
    expect(String(runGuard())).toBe('/voip/dashboard');
  });

  it('sends a signed-in admin to the admin console', () => {
    startTestSession(aUser({ role: 'admin' }));
    expect(String(runGuard())).toBe('/voip/admin');
  });

  it('follows a safe return URL, but never one to another site', () => {
    startTestSession(aUser());
    expect(String(runGuard({ returnUrl: '/voip/settings' }))).toBe('/voip/settings');
    expect(String(runGuard({ returnUrl: '//evil.example/phish' }))).toBe('/voip/dashboard');
    expect(String(runGuard({ returnUrl: 'https://evil.example' }))).toBe('/voip/dashboard');
  });
});
