import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  input,
  type OnInit,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { PhoneNumber } from '@hh/contracts';
import { trimmedLength } from '../../shared/forms/account-validators';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { fieldErrorMessage } from '../../shared/forms/field-error-message';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { FRIENDLY_NAME_MAX_LENGTH, NumbersApiService } from '../../shared/numbers/numbers-api.service';

/** Renames one number in place: the field takes focus as it opens, Escape or Cancel leaves it unchanged. */
@Component({
  selector: 'hh-rename-number-form',
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
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <hh-form-error-banner [message]="formError()" />
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Friendly name</mat-label>
        <input #nameInput matInput formControlName="friendlyName" autocomplete="off" (keydown.escape)="cancel()" />
        <mat-hint>Leave it blank to remove the name.</mat-hint>
        @if (fieldErrorMessage(form.controls.friendlyName, 'Friendly name'); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <div class="actions">
        <button mat-button type="button" (click)="cancel()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">
          @if (saving()) {
            <mat-progress-spinner diameter="18" mode="indeterminate" aria-hidden="true" />
          }
          Save
        </button>
      </div>
    </form>
  `,
  styles: `
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
  `,
})
export class RenameNumberFormComponent implements OnInit {
  private readonly api = inject(NumbersApiService);
  private readonly nameInput = viewChild.required<ElementRef<HTMLInputElement>>('nameInput');

  readonly number = input.required<PhoneNumber>();
  /** The number as the API returned it after the rename. */
  readonly saved = output<PhoneNumber>();
  readonly cancelled = output<void>();

  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly fieldErrorMessage = fieldErrorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    friendlyName: ['', trimmedLength(0, FRIENDLY_NAME_MAX_LENGTH)],
  });

  constructor() {
    afterNextRender(() => {
      const field = this.nameInput().nativeElement;
      field.focus();
      field.select();
    });
  }

  ngOnInit(): void {
    this.form.reset({ friendlyName: this.number().friendlyName ?? '' });
  }

  protected save(): void {
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.nameInput().nativeElement.focus();
      return;
    }
    const friendlyName = this.form.getRawValue().friendlyName.trim() || null;
    if (friendlyName === this.number().friendlyName) {
      this.saved.emit(this.number());
      return;
    }
    this.saving.set(true);
    this.api.rename(this.number().id, friendlyName).subscribe({
      next: (number) => {
        this.saving.set(false);
        this.saved.emit(number);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.formError.set(
          applyProblemToForm(error, this.form, {
            statusMessages: { 404: 'This number is no longer assigned to you. Reload the page to see your numbers.' },
          }),
        );
      },
    });
  }

  protected cancel(): void {
    if (!this.saving()) {
      this.cancelled.emit();
    }
  }
}
