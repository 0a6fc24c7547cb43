import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { AuthStore } from '../../core/auth/auth-store.service';
import { httpErrorMessage } from '../../shared/http/http-error-message';
import { EmailApiService } from './email-api.service';

/** Above every signed-in page while the user's e-mail address is not confirmed, with a way to get the link again. */
@Component({
  selector: 'hh-email-verification-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    @if (user(); as user) {
      @if (!user.emailVerified) {
        <div class="banner" role="region" aria-label="E-mail verification">
          <span>
            Please confirm your e-mail address: we sent a link to <strong>{{ user.email }}</strong
            >.
            @if (message(); as message) {
              <span class="message" role="status">{{ message }}</span>
            }
          </span>
          <button mat-button type="button" (click)="resend()" [disabled]="sending()">Send the link again</button>
        </div>
      }
    }
  `,
  styles: `
    .banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      margin: 0 0 1rem;
      padding: 0.5rem 1rem;
      border-radius: 0.75rem;
      color: #fde68a;
      background: rgb(245 158 11 / 0.12);
      border: 1px solid rgb(245 158 11 / 0.4);
    }
    .message {
      margin-left: 0.5rem;
      color: #e2e8f0;
    }
  `,
})
export class EmailVerificationBannerComponent {
  private readonly api = inject(EmailApiService);
  protected readonly user = inject(AuthStore).user;
  protected readonly sending = signal(false);
  protected readonly message = signal<string | null>(null);

  protected resend(): void {
    this.sending.set(true);
    this.message.set(null);
    this.api.resendVerification().subscribe({
      next: (answer) => {
        this.sending.set(false);
        this.message.set(answer.message);
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.message.set(httpErrorMessage(error));
      },
    });
  }
}
