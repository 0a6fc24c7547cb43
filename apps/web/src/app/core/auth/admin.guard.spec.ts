import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, UrlTree, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import { aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { adminGuard } from './admin.guard';

function runGuard(url = '/voip/admin/users'): ReturnType<typeof adminGuard> {
  return TestBed.runInInjectionContext(() => adminGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));
}

describe('adminGuard', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
  });

  it('lets admins into the console', () => {
    startTestSession(aUser({ role: 'admin' }));
    expect(runGuard()).toBe(true);
  });

  it('sends clients back to their dashboard', () => {
    startTestSession(aUser({ role: 'client' }));
    const result = runGuard();

    expect(result).toBeInstanceOf(UrlTree);
    expect(String(result)).toBe('/voip/dashboard');
  });

  it('sends a signed-out visitor to sign in', () => {
    expect(String(runGuard('/voip/admin'))).toBe('/voip/auth?returnUrl=%2Fvoip%2Fadmin');
  });
});
