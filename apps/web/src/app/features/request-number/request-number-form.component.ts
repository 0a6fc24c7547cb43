import { ChangeDetectionStrategy, Component, ElementRef, inject, output, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { LIMITS, type NumberRequest, type NumberType, NUMBER_TYPES } from '@hh/contracts';
import { trimmedLength } from '../../shared/forms/account-validators';
import { applyProblemToForm } from '../../shared/forms/apply-problem-to-form';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { focusFirstInvalidField } from '../../shared/forms/focus-first-invalid-field';
import { NUMBER_TYPE_LABELS } from '../../shared/format/phone-number-labels';
import {
  areaCode,
  httpUrl,
  NUMBER_REQUEST_LIMITS,
  numberRequestBody,
  requestFieldErrorMessage,
} from './number-request-form';
import { NumberRequestsApiService } from './number-requests-api.service';

export const REQUEST_SUBMITTED_MESSAGE = "Request submitted. We'll let you know here as soon as it is processed.";

/** Asks for a number. Field rules mirror the API's; what the API still refuses lands under the field or above the form. */
@Component({
  selector: 'hh-request-number-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  templateUrl: './request-number-form.component.html',
  styles: `
    .pair {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
      column-gap: 1rem;
    }
  `,
})
export class RequestNumberFormComponent {
  private readonly api = inject(NumberRequestsApiService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  /** The request as the API created it (pending). */
  readonly created = output<NumberRequest>();

  protected readonly numberTypes = NUMBER_TYPES.map((type) => ({ value: type, label: NUMBER_TYPE_LABELS[type] }));
  protected readonly limits = NUMBER_REQUEST_LIMITS;
  /** A user may have this many requests pending at once (the API answers one more with 409). */
  protected readonly maxPending = LIMITS.pendingNumberRequests;
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly errorMessage = requestFieldErrorMessage;

  protected readonly form = inject(NonNullableFormBuilder).group({
    numberType: ['local' as NumberType, Validators.required],
    areaCode: ['', areaCode],
    cityPreference: ['', trimmedLength(1, NUMBER_REQUEST_LIMITS.cityPreference)],
    businessName: ['', trimmedLength(1, NUMBER_REQUEST_LIMITS.businessName)],
    businessWebsite: ['', [trimmedLength(1, NUMBER_REQUEST_LIMITS.businessWebsite), httpUrl]],
    reason: ['', trimmedLength(1, NUMBER_REQUEST_LIMITS.reason)],
  });

  protected readonly reasonLength = toSignal(this.form.controls.reason.valueChanges, { initialValue: '' });

  protected submit(): void {
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalidField(this.host.nativeElement);
      return;
    }
    this.submitting.set(true);
    this.api.create(numberRequestBody(this.form.getRawValue())).subscribe({
      next: (request) => {
        this.submitting.set(false);
        this.formDirective().resetForm({ numberType: 'local' });
        this.snackBar.open(REQUEST_SUBMITTED_MESSAGE, 'Dismiss', { duration: 6000 });
        this.created.emit(request);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.formError.set(applyProblemToForm(error, this.form));
      },
    });
  }
}
