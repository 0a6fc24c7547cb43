import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, UrlTree, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import { aUser } from '../../testing/auth-fixtures';
import { startTestSession } from '../../testing/session';
import { authGuard } from './auth.guard';

function runGuard(url: string): ReturnType<typeof authGuard> {
  return TestBed.runInInjectionContext(() => authGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));
}

describe('authGuard', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
  });

  it('sends a signed-out visitor to sign in, remembering the wanted page', () => {
    const result = runGuard('/voip/calls?status=failed');

    expect(result).toBeInstanceOf(UrlTree);
    expect(String(result)).toBe('/voip/auth?returnUrl=%2Fvoip%2Fcalls%3Fstatus%3Dfailed');
  });

  it('lets a signed-in user through', () => {
    startTestSession(aUser());
    expect(runGuard('/voip/calls')).toBe(true);
  });

  it('lets pending users into the portal too (they may request numbers and edit their account)', () => {
    startTestSession(aUser({ status: 'pending' }));
    expect(runGuard('/voip/dashboard')).toBe(true);
  });
});
