import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { RecoveryCodes, SessionInfo, TotpSetup, TwoFactorStatus } from '@hh/contracts';
import { map, type Observable } from 'rxjs';
import { ACCOUNT_ENDPOINTS } from '../../core/auth/auth-endpoints';

/** The signed-in user's two-factor and sessions (/me/mfa, /me/sessions). */
@Injectable({ providedIn: 'root' })
export class SecurityApiService {
  private readonly http = inject(HttpClient);

  twoFactorStatus(): Observable<TwoFactorStatus> {
    return this.http.get<TwoFactorStatus>(ACCOUNT_ENDPOINTS.mfa);
  }

  startTotpSetup(): Observable<TotpSetup> {
    return this.http.post<TotpSetup>(ACCOUNT_ENDPOINTS.totp, {});
  }

  confirmTotp(code: string): Observable<string[]> {
    return this.http
      .post<RecoveryCodes>(ACCOUNT_ENDPOINTS.totpConfirm, { code })
      .pipe(map((response) => response.recoveryCodes));
  }

  regenerateRecoveryCodes(code: string): Observable<string[]> {
    return this.http
      .post<RecoveryCodes>(ACCOUNT_ENDPOINTS.recoveryCodes, { code })
      .pipe(map((response) => response.recoveryCodes));
  }

  disableTwoFactor(password: string, code: string): Observable<void> {
    return this.http.delete<void>(ACCOUNT_ENDPOINTS.mfa, { body: { password, code } });
  }

  sessions(): Observable<SessionInfo[]> {
    return this.http.get<{ data: SessionInfo[] }>(ACCOUNT_ENDPOINTS.sessions).pipe(map((response) => response.data));
  }

  signOutSession(id: string): Observable<void> {
    return this.http.delete<void>(`${ACCOUNT_ENDPOINTS.sessions}/${encodeURIComponent(id)}`);
  }

  signOutOtherSessions(): Observable<void> {
    return this.http.delete<void>(ACCOUNT_ENDPOINTS.sessions);
  }
}
