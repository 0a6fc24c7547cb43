import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { trimmedLength } from '../../shared/forms/account-validators';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import {
  apiKeyFieldErrorMessage,
  createApiKeyBody,
  earliestExpiryDate,
  futureExpiryDate,
  KEY_NAME_MAX_LENGTH,
} from './api-key-form';
import { ApiKeysApiService, type CreatedApiKey } from './api-keys-api.service';

/** Creates a key. Locked (disabled) while the account may not have keys; the API's refusal shows above the form. */
@Component({
  selector: 'hh-create-api-key-form',
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
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="create-key-heading">
      <h2 id="create-key-heading">Create a key</h2>
      <p class="muted">Name each key after what uses it, so you know which one to revoke.</p>

      <hh-form-error-banner [message]="formError()" />

      <mat-form-field appearance="outline">
        <mat-label>Key name</mat-label>
        <input matInput formControlName="keyName" autocomplete="off" placeholder="CRM integration" />
        <mat-hint>Optional; "Default Key" when left blank.</mat-hint>
        @if (errorMessage(form.controls.keyName, 'Key name'); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <mat-form-field appearance="outline">
        <mat-label>Expires on</mat-label>
        <input matInput type="date" formControlName="expiresAt" [min]="earliestDate" />
        <mat-hint>Optional. The key works until the end of that day (UTC); leave blank for no expiry.</mat-hint>
        @if (errorMessage(form.controls.expiresAt, 'Expires on'); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <div class="form-actions">
        <button mat-flat-button type="submit" [disabled]="locked() || submitting()">
          @if (submitting()) {
            <mat-progress-spinner diameter="18" mode="indeterminate" aria-hidden="true" />
          }
          Create key
        </button>
      </div>
    </form>
  `,
})
export class CreateApiKeyFormComponent {
  private readonly api = inject(ApiKeysApiService);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  /** True while the account may not create keys (pending approval, suspended). */
  readonly locked = input(false);
  /** The new key, secret included: for the caller to show once and then forget. */
  readonly created = output<CreatedApiKey>();

  protected readonly earliestDate = earliestExpiryDate();
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly errorMessage = apiKeyFieldErrorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    keyName: ['', trimmedLength(1, KEY_NAME_MAX_LENGTH)],
    expiresAt: ['', futureExpiryDate()],
  });

  constructor() {
    effect(() => (this.locked() ? this.form.disable() : this.form.enable()));
  }

  protected submit(): void {
    this.formError.set(null);
    if (this.locked()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.api.create(createApiKeyBody(this.form.getRawValue())).subscribe({
      next: (created) => {
        this.submitting.set(false);
        this.formDirective().resetForm({ keyName: '', expiresAt: '' });
        this.created.emit(created);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.formError.set(applyProblemToForm(error, this.form));
      },
    });
  }
}
