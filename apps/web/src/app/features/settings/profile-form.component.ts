import { ChangeDetectionStrategy, Component, effect, inject, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { NAME_MAX_LENGTH, NAME_MIN_LENGTH } from '@hh/contracts';
import { AuthStore } from '../../core/auth/auth-store.service';
import { requiredTrimmed, trimmedLength } from '../../shared/forms/account-validators';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { AccountService } from './account.service';

@Component({
  selector: 'hh-profile-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    ReactiveFormsModule,
  ],
  templateUrl: './profile-form.component.html',
})
export class ProfileFormComponent {
  private readonly account = inject(AccountService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected readonly user = inject(AuthStore).user;
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly fieldErrorMessage = fieldErrorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, requiredTrimmed, trimmedLength(NAME_MIN_LENGTH, NAME_MAX_LENGTH)]],
  });

  constructor() {
    // Follows the stored name (e.g. restored after a reload) until the user starts editing.
    effect(() => {
      const name = this.user()?.name ?? '';
      if (!this.form.dirty) {
        this.form.reset({ name });
      }
    });
  }

  protected save(): void {
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.account.updateProfile({ name: this.form.getRawValue().name.trim() }).subscribe({
      next: (user) => {
        this.submitting.set(false);
        this.formDirective().resetForm({ name: user.name });
        this.snackBar.open('Profile updated.', 'Dismiss', { duration: 4000 });
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.formError.set(applyProblemToForm(error, this.form));
      },
    });
  }
}
