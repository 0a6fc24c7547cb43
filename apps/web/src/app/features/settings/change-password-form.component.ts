import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
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

@Component({
  selector: 'hh-change-password-form',
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
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.submitting.set(true);
    this.account.changePassword({ currentPassword, newPassword }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.formDirective().resetForm();
        this.snackBar.open(PASSWORD_CHANGED_MESSAGE, 'Dismiss', { duration: 6000 });
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.formError.set(applyProblemToForm(error, this.form));
      },
    });
  }
}
