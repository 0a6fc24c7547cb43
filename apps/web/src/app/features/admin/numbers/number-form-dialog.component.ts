import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MONTHLY_COST_MAX, NUMBER_TYPES, type NumberType, type AdminPhoneNumber } from '@hh/contracts';
import { formatPhoneNumber, toPossibleE164 } from '../../../shared/format/phone';
import { applyProblemToForm } from '../../../shared/forms/apply-problem-to-form';
import { fieldErrorMessage } from '../../../shared/forms/field-error-message';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { NUMBER_TYPE_LABELS } from '../../../shared/format/phone-number-labels';
import { AdminApiService } from '../admin-api.service';

/** Lengths the API accepts (CreateNumberDto). */
export const NUMBER_TEXT_LIMITS = {
  friendlyName: 100,
  locationCity: 100,
  locationState: 50,
  locationCountry: 50,
} as const;

/** null to add a number; the number to edit it. */
export type NumberFormData = AdminPhoneNumber | null;

/** The browser checks the shape and length; the API (full metadata) says whether the number exists, under the field. */
function phoneNumberValidator(control: AbstractControl<string>): ValidationErrors | null {
  return control.value.trim() && !toPossibleE164(control.value) ? { server: 'Enter a valid phone number.' } : null;
}

/** Adds a number to the inventory, or edits one; server field errors appear under their fields. */
@Component({
  selector: 'hh-number-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ heading }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()">
      <mat-dialog-content>
        @if (formError(); as message) {
          <hh-form-error-banner [message]="message" />
        }
        <div class="grid">
          @if (!editing) {
            <mat-form-field appearance="outline" class="wide">
              <mat-label>Phone number</mat-label>
              <input matInput formControlName="phoneNumber" autocomplete="off" inputmode="tel" required />
              <mat-hint>E.164 (+19095550142) or US format ((909) 555-0142)</mat-hint>
              <mat-error>{{ error(form.controls.phoneNumber, 'Phone number') }}</mat-error>
            </mat-form-field>
          }
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Friendly name</mat-label>
            <input matInput formControlName="friendlyName" [maxLength]="limits.friendlyName" />
            <mat-error>{{ error(form.controls.friendlyName, 'Friendly name') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>City</mat-label>
            <input matInput formControlName="locationCity" [maxLength]="limits.locationCity" />
            <mat-error>{{ error(form.controls.locationCity, 'City') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>State</mat-label>
            <input matInput formControlName="locationState" [maxLength]="limits.locationState" />
            <mat-error>{{ error(form.controls.locationState, 'State') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Country</mat-label>
            <input matInput formControlName="locationCountry" [maxLength]="limits.locationCountry" />
            <mat-error>{{ error(form.controls.locationCountry, 'Country') }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Type</mat-label>
            <mat-select formControlName="numberType">
              @for (type of types; track type.value) {
                <mat-option [value]="type.value">{{ type.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Monthly cost</mat-label>
            <input matInput type="number" min="0" step="0.01" formControlName="monthlyCost" />
            <span matTextPrefix>$&nbsp;</span>
            <mat-error>{{ costError() }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">
          {{ editing ? 'Save changes' : 'Add number' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 0 0.75rem;
    }
    .wide {
      grid-column: 1 / -1;
    }
  `,
})
export class NumberFormDialogComponent {
  private readonly number = inject<NumberFormData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<NumberFormDialogComponent, AdminPhoneNumber>>(MatDialogRef);
  private readonly api = inject(AdminApiService);

  protected readonly editing = this.number !== null;
  protected readonly heading = this.number ? `Edit ${formatPhoneNumber(this.number.phoneNumber)}` : 'Add number';
  protected readonly limits = NUMBER_TEXT_LIMITS;
  protected readonly types = NUMBER_TYPES.map((value) => ({ value, label: NUMBER_TYPE_LABELS[value] }));
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);

  protected readonly form = new FormGroup({
    phoneNumber: new FormControl('', {
      nonNullable: true,
      validators: this.number ? [] : [Validators.required, phoneNumberValidator],
    }),
    friendlyName: new FormControl(this.number?.friendlyName ?? '', { nonNullable: true }),
    locationCity: new FormControl(this.number?.locationCity ?? '', { nonNullable: true }),
    locationState: new FormControl(this.number?.locationState ?? '', { nonNullable: true }),
    locationCountry: new FormControl(this.number?.locationCountry ?? 'US', { nonNullable: true }),
    numberType: new FormControl<NumberType>(this.number?.numberType ?? 'local', { nonNullable: true }),
    monthlyCost: new FormControl<number | null>(this.number?.monthlyCost ?? 0, {
      validators: [Validators.required, Validators.min(0), Validators.max(MONTHLY_COST_MAX)],
    }),
  });

  protected error(control: AbstractControl, label: string): string | null {
    return fieldErrorMessage(control, label);
  }

  protected costError(): string | null {
    const control = this.form.controls.monthlyCost;
    if (typeof control.errors?.['server'] === 'string') return control.errors['server'];
    return control.invalid ? `Monthly cost must be between 0 and ${MONTHLY_COST_MAX}.` : null;
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const text = (input: string) => input.trim() || null;
    const fields = {
      friendlyName: text(value.friendlyName),
      locationCity: text(value.locationCity),
      locationState: text(value.locationState),
      locationCountry: text(value.locationCountry),
      numberType: value.numberType,
      monthlyCost: Number(value.monthlyCost),
    };
    const request = this.number
      ? this.api.updateNumber(this.number.id, fields)
      : this.api.createNumber({
          phoneNumber: toPossibleE164(value.phoneNumber) ?? value.phoneNumber,
          ...Object.fromEntries(Object.entries(fields).filter(([, field]) => field !== null)),
        });
    this.saving.set(true);
    this.formError.set(null);
    request.subscribe({
      next: (saved) => this.dialogRef.close(saved),
      error: (error: unknown) => {
        this.saving.set(false);
        this.formError.set(applyProblemToForm(error, this.form));
      },
    });
  }
}
