import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { AuthStore } from '../../core/auth/auth-store.service';
import { matchingFields, passwordRules } from '../../shared/forms/account-validators';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { PasswordStrengthMeterComponent } from '../../shared/forms/password-strength-meter.component';
import { AccountService } from './account.service';

export const PASSWORD_CHANGED_MESSAGE = 'Password changed. Other sessions were signed out.';
export const PASSWORD_CHANGED_KEYS_REVOKED_MESSAGE =
  'Password changed. Other sessions were signed out and your API keys revoked.';

@Component({
  selector: 'hh-change-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    PasswordStrengthMeterComponent,
    ReactiveFormsModule,
  ],
  templateUrl: './change-password-form.component.html',
})
export class ChangePasswordFormComponent {
  private readonly account = inject(AccountService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly user = inject(AuthStore).user;
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly fieldErrorMessage = fieldErrorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, passwordRules]],
      confirmPassword: ['', Validators.required],
      // Ticked by default: whoever learnt the old password may have made a key with it, which would outlive it.
      revokeApiKeys: [true],
    },
    { validators: matchingFields('newPassword', 'confirmPassword') },
  );

  protected readonly newPassword = toSignal(this.form.controls.newPassword.valueChanges, { initialValue: '' });
  protected readonly strengthInputs = computed(() => {
    const user = this.user();
    return user ? [user.name, user.email] : [];
  });

  protected submit(): void {
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword, revokeApiKeys } = this.form.getRawValue();
    this.submitting.set(true);
    this.account.changePassword({ currentPassword, newPassword, revokeApiKeys }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.formDirective().resetForm();
        const message = revokeApiKeys ? PASSWORD_CHANGED_KEYS_REVOKED_MESSAGE : PASSWORD_CHANGED_MESSAGE;
        this.snackBar.open(message, 'Dismiss', { duration: 6000 });
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.formError.set(applyProblemToForm(error, this.form));
      },
    });
  }
}
