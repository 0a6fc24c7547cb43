import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { User } from '@hh/contracts';
import { AUTH_ENDPOINTS } from '../core/auth/auth-endpoints';
import { AuthStore } from '../core/auth/auth-store.service';
import { anAuthResponse } from './auth-fixtures';

/**
 * Test helper: signs `user` in through the store's real refresh path, answered by HttpTestingController.
 * Needs provideHttpClient() and provideHttpClientTesting() in the TestBed.
 */
export function startTestSession(user: User, accessToken = 'access-test'): AuthStore {
  const store = TestBed.inject(AuthStore);
  store.refresh().subscribe();
  TestBed.inject(HttpTestingController).expectOne(AUTH_ENDPOINTS.refresh).flush(anAuthResponse(user, accessToken));
  return store;
}
