import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { MailAcceptedResponse, ResetPasswordRequest, User } from '@hh/contracts';
import type { Observable } from 'rxjs';

const AUTH = '/api/v1/auth';

/** E-mail verification, password reset and e-mail change: the API's routes behind the links the portal mails. */
@Injectable({ providedIn: 'root' })
export class EmailApiService {
  private readonly http = inject(HttpClient);

  verifyEmail(token: string): Observable<void> {
    return this.http.post<void>(`${AUTH}/email/verify`, { token });
  }

  resendVerification(): Observable<MailAcceptedResponse> {
    return this.http.post<MailAcceptedResponse>(`${AUTH}/email/verify/resend`, {});
  }

  forgotPassword(email: string): Observable<MailAcceptedResponse> {
    return this.http.post<MailAcceptedResponse>(`${AUTH}/password/forgot`, { email });
  }

  resetPassword(request: ResetPasswordRequest): Observable<void> {
    return this.http.post<void>(`${AUTH}/password/reset`, request);
  }

  /** PATCH /me with a new address: it takes effect once the link sent to it is followed. */
  changeEmail(email: string, currentPassword: string): Observable<User> {
    return this.http.patch<User>('/api/v1/me', { email, currentPassword });
  }

  me(): Observable<User> {
    return this.http.get<User>(`${AUTH}/me`);
  }
}

/**
 * The token of a mailed link. Links carry it in the fragment (#token=…), which browsers never send to a server nor
 * in a Referer header; once read it is removed from the address bar and the history entry.
 */
export function takeTokenFromFragment(fragment: string | null): string | null {
  const token = new URLSearchParams(fragment ?? '').get('token');
  if (token && typeof history !== 'undefined') {
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}
