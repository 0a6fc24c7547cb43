import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, NAME_MIN_LENGTH, type User } from '@hh/contracts';
import { AuthStore } from '../../core/auth/auth-store.service';
import { emailAddress, passwordRules, requiredTrimmed, trimmedLength } from '../../shared/forms/account-validators';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import { focusFirstInvalidField } from '../../shared/forms/focus-first-invalid-field';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { PasswordStrengthMeterComponent } from '../../shared/forms/password-strength-meter.component';
import { SIGN_UP_ERROR_OPTIONS } from './auth-error-messages';

@Component({
  selector: 'hh-sign-up-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    PasswordStrengthMeterComponent,
    ReactiveFormsModule,
  ],
  templateUrl: './sign-up-form.component.html',
})
export class SignUpFormComponent {
  private readonly store = inject(AuthStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Emitted with the new (pending) user once the account exists and the session has started. */
  readonly signedUp = output<User>();

  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly fieldErrorMessage = fieldErrorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, requiredTrimmed, trimmedLength(NAME_MIN_LENGTH, NAME_MAX_LENGTH)]],
    email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    password: ['', [Validators.required, passwordRules]],
  });

  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly password = computed(() => this.values().password ?? '');
  /** zxcvbn marks a password down when it leans on the user's own name or email. */
  protected readonly strengthInputs = computed(() => [this.values().name ?? '', this.values().email ?? '']);

  protected submit(): void {
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalidField(this.host.nativeElement);
      return;
    }
    const { name, email, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.store.signUp({ name: name.trim(), email: email.trim(), password }).subscribe({
      next: (user) => {
        this.submitting.set(false);
        this.signedUp.emit(user);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.formError.set(applyProblemToForm(error, this.form, SIGN_UP_ERROR_OPTIONS));
      },
    });
  }
}
