import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { APP_ROUTES, EMAIL_MAX_LENGTH } from '@hh/contracts';
import { emailAddress } from '../../shared/forms/account-validators';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import { focusFirstInvalidField } from '../../shared/forms/focus-first-invalid-field';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { EmailApiService } from './email-api.service';
import { PublicCardComponent } from './public-card.component';

/** /voip/forgot-password: asks for a reset link. The answer is the same whether or not an account has the address. */
@Component({
  selector: 'hh-forgot-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    PublicCardComponent,
    ReactiveFormsModule,
    RouterLink,
  ],
  template: `
    <hh-public-card heading="Forgot your password?">
      @if (sent(); as message) {
        <p class="sent" role="status">{{ message }}</p>
        <p class="muted">Didn't get it? Check your spam folder, or try again in a few minutes.</p>
      } @else {
        <p class="muted intro">
          Enter the e-mail address of your account and we'll send you a link to choose a new password.
        </p>
        <form
          [formGroup]="form"
          (ngSubmit)="submit()"
          novalidate
          aria-label="Forgot password"
          [attr.aria-busy]="submitting()"
        >
          <hh-form-error-banner [message]="formError()" />
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="username" inputmode="email" />
            @if (fieldErrorMessage(form.controls.email, 'Email'); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button type="submit" class="submit" [disabled]="submitting()">
            @if (submitting()) {
              <mat-progress-spinner diameter="18" mode="indeterminate" aria-hidden="true" />
            }
            Send me a link
          </button>
        </form>
      }
      <p class="back"><a [routerLink]="signInPath">Back to sign in</a></p>
    </hh-public-card>
  `,
  styles: `
    .intro {
      margin: 0 0 1.25rem;
    }
    mat-form-field,
    .submit {
      width: 100%;
    }
    .sent {
      margin: 0 0 1rem;
    }
    .back {
      margin: 1.5rem 0 0;
    }
    .back a {
      color: #fbbf24;
    }
  `,
})
export class ForgotPasswordPageComponent {
  private readonly api = inject(EmailApiService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly signInPath = APP_ROUTES.auth.path;
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly sent = signal<string | null>(null);
  protected readonly fieldErrorMessage = fieldErrorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
  });

  protected submit(): void {
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalidField(this.host.nativeElement);
      return;
    }
    this.submitting.set(true);
    this.api.forgotPassword(this.form.getRawValue().email.trim()).subscribe({
      next: (answer) => {
        this.submitting.set(false);
        this.sent.set(answer.message);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.formError.set(applyProblemToForm(error, this.form));
      },
    });
  }
}
