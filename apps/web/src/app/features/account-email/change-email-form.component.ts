import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '@hh/contracts';
import { AuthStore } from '../../core/auth/auth-store.service';
import { emailAddress } from '../../shared/forms/account-validators';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import { focusFirstInvalidField } from '../../shared/forms/focus-first-invalid-field';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { EmailApiService } from './email-api.service';

/**
 * Settings → E-mail address: the new address gets a link and takes effect once it is followed; the current one is
 * told. The current password is asked, as for a password change.
 */
@Component({
  selector: 'hh-change-email-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    ReactiveFormsModule,
  ],
  template: `
    <p class="muted current">
      Your address is <strong>{{ user()?.email }}</strong> ({{
        user()?.emailVerified ? 'confirmed' : 'not confirmed yet'
      }}).
    </p>
    @if (sentTo(); as address) {
      <p class="sent" role="status">
        We sent a link to {{ address }}. Your address changes once you follow it; your current address was told.
      </p>
    }
    <form
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      aria-label="Change e-mail address"
      [attr.aria-busy]="submitting()"
    >
      <hh-form-error-banner [message]="formError()" />
      <mat-form-field appearance="outline">
        <mat-label>New e-mail address</mat-label>
        <input matInput type="email" formControlName="email" autocomplete="email" inputmode="email" />
        @if (fieldErrorMessage(form.controls.email, 'New e-mail address'); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Current password</mat-label>
        <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" />
        @if (fieldErrorMessage(form.controls.currentPassword, 'Current password'); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="submitting()">
        @if (submitting()) {
          <mat-progress-spinner diameter="18" mode="indeterminate" aria-hidden="true" />
        }
        Change e-mail address
      </button>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    form {
      display: grid;
      gap: 0.25rem;
      max-width: 28rem;
    }
    .current,
    .sent {
      margin: 0 0 1rem;
    }
    button {
      justify-self: start;
    }
  `,
})
export class ChangeEmailFormComponent {
  private readonly api = inject(EmailApiService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly user = inject(AuthStore).user;
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly sentTo = signal<string | null>(null);
  protected readonly fieldErrorMessage = fieldErrorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    currentPassword: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  protected submit(): void {
    this.formError.set(null);
    this.sentTo.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalidField(this.host.nativeElement);
      return;
    }
    const email = this.form.getRawValue().email.trim();
    this.submitting.set(true);
    this.api.changeEmail(email, this.form.getRawValue().currentPassword).subscribe({
      next: () => {
        this.submitting.set(false);
        this.sentTo.set(email);
        this.form.reset();
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.formError.set(applyProblemToForm(error, this.form));
      },
    });
  }
}
