import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { type AdminNumberRequest, LIMITS, type PhoneNumber } from '@hh/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, Subject, switchMap } from 'rxjs';
import { formatPhoneNumber } from '../../../shared/format/phone';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { NUMBER_TYPE_LABELS, numberLocation } from '../../../shared/format/phone-number-labels';
import { AdminApiService } from '../admin-api.service';
import { requestSummary } from './request-labels';

export interface ApproveRequestData {
  request: AdminNumberRequest;
  /** approve a pending request, or fulfil an approved one that waits for a number. */
  mode: 'approve' | 'fulfil';
}

export const NUMBER_SEARCH_DEBOUNCE_MS = 300;
export const NUMBER_SEARCH_SIZE = 10;
/** The radio value for "approve without a number" (ids start at 1). */
export const NO_NUMBER = 0;

interface NumberOption {
  id: number;
  label: string;
  detail: string;
  suggested: boolean;
}

function optionOf(number: PhoneNumber, suggested: boolean): NumberOption {
  const where = numberLocation(number);
  return {
    id: number.id,
    label: formatPhoneNumber(number.phoneNumber),
    detail: [NUMBER_TYPE_LABELS[number.numberType], where, number.friendlyName].filter(Boolean).join(' · '),
    suggested,
  };
}

/**
 * Approves a pending request (or fulfils an approved one): shows the API's suggested match, lets the admin search
 * the available numbers for another, and posts the decision. Closes with the updated request.
 */
@Component({
  selector: 'hh-approve-request-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatRadioModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ heading }}</h2>
    <mat-dialog-content>
      <p>
        <strong>{{ data.request.user.name }}</strong> ({{ data.request.user.email }}) asked for: {{ summary }}.
      </p>
      @if (error(); as error) {
        <hh-form-error-banner [message]="error" />
      }

      <p class="suggestion" aria-live="polite">
        @if (suggestionLoading()) {
          Looking for the best match…
        } @else if (suggestion(); as suggested) {
          Suggested match: <strong>{{ label(suggested) }}</strong>
        } @else {
          No available number matches this request.
          @if (data.mode === 'approve') {
            Approving without one leaves the request approved, waiting for a number you assign later with Fulfil.
          }
        }
      </p>

      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="full">
        <mat-label>Search available numbers</mat-label>
        <input matInput type="search" autocomplete="off" (input)="search($any($event.target).value)" />
      </mat-form-field>

      <mat-radio-group
        class="options"
        aria-label="Number to assign"
        [value]="selected()"
        (change)="selected.set($event.value)"
      >
        @for (option of options(); track option.id) {
          <mat-radio-button [value]="option.id">
            <span class="option">
              {{ option.label }}
              @if (option.suggested) {
                <span class="badge">Suggested</span>
              }
              <span class="muted detail">{{ option.detail }}</span>
            </span>
          </mat-radio-button>
        } @empty {
          <p class="muted">No available numbers{{ query() ? ' match “' + query() + '”' : '' }}.</p>
        }
        @if (allowNone()) {
          <mat-radio-button [value]="noNumber">Approve without a number (it waits as approved)</mat-radio-button>
        }
      </mat-radio-group>

      <mat-form-field appearance="outline" class="full notes">
        <mat-label>Admin notes (optional)</mat-label>
        <textarea
          matInput
          rows="2"
          [maxLength]="notesMax"
          [value]="notes()"
          (input)="notes.set($any($event.target).value)"
        ></textarea>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
      <button mat-flat-button type="button" class="submit" [disabled]="!canSubmit()" (click)="submit()">
        @if (saving()) {
          <mat-progress-spinner diameter="18" mode="indeterminate" aria-hidden="true" />
        }
        {{ submitLabel }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .full {
      width: 100%;
    }
    .suggestion {
      margin: 0.75rem 0;
    }
    .options {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin: 0.75rem 0;
    }
    .option .badge {
      margin-left: 0.375rem;
      text-transform: none;
    }
    .detail {
      display: block;
      font: var(--mat-sys-body-small);
    }
    .notes {
      margin-top: 0.5rem;
    }
  `,
})
export class ApproveRequestDialogComponent {
  protected readonly data = inject<ApproveRequestData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ApproveRequestDialogComponent, AdminNumberRequest>>(MatDialogRef);
  private readonly api = inject(AdminApiService);
  private readonly searches = new Subject<string>();

  protected readonly heading =
    this.data.mode === 'approve'
      ? `Approve request #${this.data.request.id}`
      : `Fulfil request #${this.data.request.id}`;
  protected readonly submitLabel = this.data.mode === 'approve' ? 'Approve' : 'Fulfil';
  protected readonly summary = requestSummary(this.data.request);
  protected readonly noNumber = NO_NUMBER;
  protected readonly notesMax = LIMITS.textMaxLength;

  protected readonly suggestion = signal<PhoneNumber | null>(null);
  protected readonly suggestionLoading = signal(true);
  protected readonly results = signal<PhoneNumber[]>([]);
  protected readonly query = signal('');
  protected readonly selected = signal<number | null>(null);
  protected readonly notes = signal('');
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  /** Approving without a number is only a real choice when nothing matches: otherwise the API takes the match. */
  protected readonly allowNone = computed(
    () => this.data.mode === 'approve' && !this.suggestionLoading() && this.suggestion() === null,
  );
  protected readonly options = computed<NumberOption[]>(() => {
    const suggested = this.suggestion();
    const others = this.results()
      .filter((number) => number.id !== suggested?.id)
      .map((number) => optionOf(number, false));
    return suggested ? [optionOf(suggested, true), ...others] : others;
  });
  protected readonly canSubmit = computed(() => !this.saving() && this.selected() !== null);

  constructor() {
    this.api
      .suggestion(this.data.request.id)
      .pipe(
        catchError(() => of(null)),
        takeUntilDestroyed(),
      )
      .subscribe((suggested) => {
        this.suggestionLoading.set(false);
        this.suggestion.set(suggested);
        if (this.selected() === null) {
          this.selected.set(suggested ? suggested.id : this.data.mode === 'approve' ? NO_NUMBER : null);
        }
      });

    this.searches
      .pipe(
        debounceTime(NUMBER_SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        startWith(''),
        distinctUntilChanged(),
        switchMap((q) =>
          this.api
            .listNumbers({ page: 1, pageSize: NUMBER_SEARCH_SIZE, status: 'available', ...(q ? { q } : {}) })
            .pipe(
              map((page) => ({ q, numbers: page.data })),
              catchError(() => of({ q, numbers: [] as PhoneNumber[] })),
            ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ q, numbers }) => {
        this.query.set(q);
        this.results.set(numbers);
      });
  }

  protected search(text: string): void {
    this.searches.next(text);
  }

  protected label(number: PhoneNumber): string {
    const option = optionOf(number, true);
    return `${option.label} (${option.detail})`;
  }

  protected submit(): void {
    const selected = this.selected();
    if (selected === null) {
      return;
    }
    const adminNotes = this.notes().trim() || undefined;
    const request = this.data.request;
    const call =
      this.data.mode === 'approve'
        ? this.api.approve(request.id, { ...(selected !== NO_NUMBER ? { numberId: selected } : {}), adminNotes })
        : this.api.fulfill(request.id, { numberId: selected, adminNotes });
    this.saving.set(true);
    this.error.set(null);
    call.subscribe({
      next: (updated) => this.dialogRef.close(updated),
      error: (error: unknown) => {
        this.saving.set(false);
        this.error.set(httpErrorMessage(error));
      },
    });
  }
}
