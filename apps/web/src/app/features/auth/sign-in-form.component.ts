import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, ElementRef, inject, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import {
  EMAIL_MAX_LENGTH,
  type MfaChallenge,
  PASSWORD_MAX_LENGTH,
  RECOVERY_CODE_PATTERN,
  type User,
} from '@hh/contracts';
import { AuthStore } from '../../core/auth/auth-store.service';
import { emailAddress } from '../../shared/forms/account-validators';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import { focusFirstInvalidField } from '../../shared/forms/focus-first-invalid-field';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { SIGN_IN_ERROR_OPTIONS, TWO_FACTOR_ERROR_OPTIONS } from './auth-error-messages';

@Component({
  selector: 'hh-sign-in-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    ReactiveFormsModule,
  ],
  templateUrl: './sign-in-form.component.html',
  styles: `
    .step-hint {
      margin: 0 0 0.75rem;
    }
    .step-actions {
      display: flex;
      justify-content: space-between;
      margin-top: 0.5rem;
    }
  `,
})
export class SignInFormComponent {
  private readonly store = inject(AuthStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Emitted with the signed-in user; the page decides where to go next. */
  readonly signedIn = output<User>();

  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly fieldErrorMessage = fieldErrorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  /** Set when the password was right and the account has two-factor on: the second step asks for a code. */
  protected readonly challenge = signal<MfaChallenge | null>(null);
  protected readonly useRecoveryCode = signal(false);

  protected readonly codeForm = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)]],
    recoveryCode: ['', [Validators.required, Validators.pattern(RECOVERY_CODE_PATTERN)]],
  });

  protected submit(): void {
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalidField(this.host.nativeElement);
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.store.beginSignIn({ email: email.trim(), password }).subscribe({
      next: (result) => {
        this.submitting.set(false);
        if ('challenge' in result) {
          this.codeForm.reset();
          this.useRecoveryCode.set(false);
          this.challenge.set(result.challenge);
          this.focusSoon();
          return;
        }
        this.signedIn.emit(result.user);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.formError.set(applyProblemToForm(error, this.form, SIGN_IN_ERROR_OPTIONS));
      },
    });
  }

  protected submitCode(mfaToken: string): void {
    this.formError.set(null);
    const recovery = this.useRecoveryCode();
    const control = recovery ? this.codeForm.controls.recoveryCode : this.codeForm.controls.code;
    if (control.invalid) {
      control.markAsTouched();
      focusFirstInvalidField(this.host.nativeElement);
      return;
    }
    const value = control.value.trim();
    this.submitting.set(true);
    this.store
      .completeSignIn(recovery ? { mfaToken, recoveryCode: value } : { mfaToken, code: value.replace(/\s/g, '') })
      .subscribe({
        next: (user) => {
          this.submitting.set(false);
          this.signedIn.emit(user);
        },
        error: (error: unknown) => {
          this.submitting.set(false);
          const expired =
            error instanceof HttpErrorResponse && error.status === 401 && /mfaToken/.test(String(error.error?.detail));
          if (expired) {
            this.backToPassword();
            this.formError.set('Your sign-in took too long. Enter your password again.');
            return;
          }
          this.formError.set(applyProblemToForm(error, this.codeForm, TWO_FACTOR_ERROR_OPTIONS));
        },
      });
  }

  protected toggleRecoveryCode(): void {
    this.formError.set(null);
    this.useRecoveryCode.update((value) => !value);
    this.focusSoon();
  }

  protected backToPassword(): void {
    this.challenge.set(null);
    this.formError.set(null);
    this.form.controls.password.reset();
  }

  private focusSoon(): void {
    setTimeout(() => this.host.nativeElement.querySelector<HTMLInputElement>('input')?.focus());
  }
}
