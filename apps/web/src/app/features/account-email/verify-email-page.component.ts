import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { APP_ROUTES } from '@hh/contracts';
import { AuthStore } from '../../core/auth/auth-store.service';
import { httpErrorMessage, problemDetailsOf } from '../../shared/http/http-error-message';
import { EmailApiService, takeTokenFromFragment } from './email-api.service';
import { PublicCardComponent } from './public-card.component';

type State = 'verifying' | 'verified' | 'failed';

/** /voip/verify-email#token=…: the page a verification link opens. It posts the token and says how it went. */
@Component({
  selector: 'hh-verify-email-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressSpinnerModule, PublicCardComponent, RouterLink],
  template: `
    <hh-public-card heading="Confirm your e-mail address">
      @switch (state()) {
        @case ('verifying') {
          <p class="status" role="status">
            <mat-progress-spinner diameter="20" mode="indeterminate" aria-hidden="true" />
            Confirming your address…
          </p>
        }
        @case ('verified') {
          <p class="status ok" role="status">Your e-mail address is confirmed. Thank you!</p>
        }
        @case ('failed') {
          <p class="status failed" role="alert">{{ error() }}</p>
        }
      }
      @if (state() !== 'verifying') {
        <div class="actions">
          @if (signedIn()) {
            <a mat-flat-button [routerLink]="home()">Go to the portal</a>
          } @else {
            <a mat-flat-button [routerLink]="signInPath">Sign in</a>
          }
        </div>
      }
    </hh-public-card>
  `,
  styles: `
    .status {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      margin: 0 0 1.5rem;
    }
    .ok {
      color: var(--hh-success, #22c55e);
    }
    .failed {
      color: #fecaca;
    }
  `,
})
export class VerifyEmailPageComponent implements OnInit {
  private readonly api = inject(EmailApiService);
  private readonly store = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);

  protected readonly state = signal<State>('verifying');
  protected readonly error = signal('');
  protected readonly signedIn = this.store.isAuthenticated;
  protected readonly home = this.store.homePath;
  protected readonly signInPath = APP_ROUTES.auth.path;

  ngOnInit(): void {
    const token = takeTokenFromFragment(this.route.snapshot.fragment);
    if (!token) {
      this.fail('This link is incomplete. Open the link from the e-mail again, or ask for a new one.');
      return;
    }
    this.api.verifyEmail(token).subscribe({
      next: () => {
        this.state.set('verified');
        // A signed-in user's banner goes away at once.
        if (this.store.isAuthenticated()) this.api.me().subscribe((user) => this.store.updateUser(user));
      },
      error: (error: unknown) =>
        this.fail(
          problemDetailsOf(error)?.status === 400
            ? 'This link is invalid, already used or expired. Sign in and ask for a new one.'
            : httpErrorMessage(error),
        ),
    });
  }

  private fail(message: string): void {
    this.error.set(message);
    this.state.set('failed');
  }
}
