import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ChangePasswordRequest, UpdateProfileRequest, User } from '@hh/contracts';
import { type Observable, tap } from 'rxjs';
import { ACCOUNT_ENDPOINTS } from '../../core/auth/auth-endpoints';
import { AuthStore } from '../../core/auth/auth-store.service';

/** The signed-in user's own account: profile and password. */
@Injectable({ providedIn: 'root' })
export class AccountService {
  private readonly http = inject(HttpClient);
  private readonly store = inject(AuthStore);

  updateProfile(request: UpdateProfileRequest): Observable<User> {
    return this.http.patch<User>(ACCOUNT_ENDPOINTS.profile, request).pipe(tap((user) => this.store.updateUser(user)));
  }

  /** The API revokes every other session of the user; this one stays signed in. */
  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>(ACCOUNT_ENDPOINTS.password, request);
  }
}
