import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { SessionInfo } from '@hh/contracts';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { SecurityApiService } from './security-api.service';

/** Settings → Security → Sessions: where the account is signed in; sign one out, or every other one. */
@Component({
  selector: 'hh-sessions-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, FormErrorBannerComponent, MatButtonModule, MatProgressSpinnerModule],
  template: `
    <section aria-labelledby="sessions-heading" class="sessions">
      <h2 id="sessions-heading">Sessions</h2>
      <p class="muted">Where your account is signed in. Signing a session out ends it at once.</p>
      <hh-form-error-banner [message]="error()" />
      @if (sessions(); as list) {
        <ul class="session-list" aria-label="Signed-in sessions">
          @for (session of list; track session.id) {
            <li class="session" [class.current]="session.current" [attr.data-session-id]="session.id">
              <div class="session-text">
                <strong class="device">{{ session.device }}</strong>
                @if (session.current) {
                  <span class="this-device">This device</span>
                }
                <span class="muted">
                  {{ session.ipAddress ?? 'Unknown address' }} · signed in {{ session.createdAt | date: 'medium' }} ·
                  last used {{ session.lastUsedAt | date: 'medium' }}
                </span>
              </div>
              @if (!session.current) {
                <button
                  mat-stroked-button
                  type="button"
                  class="sign-out"
                  (click)="signOut(session)"
                  [disabled]="busy()"
                >
                  Sign out
                </button>
              }
            </li>
          }
        </ul>
        @if (list.length > 1) {
          <div class="form-actions">
            <button mat-flat-button type="button" class="sign-out-others" (click)="signOutOthers()" [disabled]="busy()">
              Sign out all other sessions
            </button>
          </div>
        }
      } @else {
        <mat-progress-spinner diameter="24" mode="indeterminate" aria-label="Loading" />
      }
    </section>
  `,
  styles: `
    .sessions {
      display: grid;
      gap: 0.75rem;
    }
    .session-list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .session {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 0.75rem;
    }
    .session-text {
      display: grid;
      gap: 0.125rem;
    }
    .this-device {
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--mat-sys-primary, #1565c0);
    }
  `,
})
export class SessionsCardComponent {
  private readonly api = inject(SecurityApiService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly sessions = signal<SessionInfo[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.reload();
  }

  protected signOut(session: SessionInfo): void {
    this.run(this.api.signOutSession(session.id), `Signed out ${session.device}.`);
  }

  protected signOutOthers(): void {
    this.run(this.api.signOutOtherSessions(), 'Every other session is signed out.');
  }

  private run(request: ReturnType<SecurityApiService['signOutOtherSessions']>, done: string): void {
    this.error.set(null);
    this.busy.set(true);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.snackBar.open(done, 'Dismiss', { duration: 4000 });
        this.reload();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(httpErrorMessage(error));
        this.reload();
      },
    });
  }

  private reload(): void {
    this.api.sessions().subscribe({
      next: (sessions) => this.sessions.set(sessions),
      error: (error: unknown) => this.error.set(httpErrorMessage(error)),
    });
  }
}
