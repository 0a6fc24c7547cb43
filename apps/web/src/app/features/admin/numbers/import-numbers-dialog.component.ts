import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { LIMITS, NUMBER_IMPORT_COLUMNS, type NumberImportResult } from '@hh/contracts';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { AdminApiService } from '../admin-api.service';

/** The API's body limit for an import, in bytes and as the dialog words it. */
const IMPORT_MAX_BYTES = LIMITS.csvImportBytes;
const IMPORT_MAX_MB = IMPORT_MAX_BYTES / (1024 * 1024);

/** The file's text (FileReader rather than Blob.text(), which older browsers and jsdom lack). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

/**
 * Imports numbers from a CSV file: the file's text goes to the API as text/csv, and the per-line report comes
 * back (created, skipped with reasons, errors with line numbers). Closes with the result, or nothing.
 */
@Component({
  selector: 'hh-import-numbers-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrorBannerComponent, MatButtonModule, MatDialogModule, MatProgressSpinnerModule],
  template: `
    <h2 mat-dialog-title>Import numbers from CSV</h2>
    <mat-dialog-content>
      <p>
        The first line is the header: <code>{{ columns }}</code
        >. Only phoneNumber is required; numbers already in the inventory are skipped.
      </p>
      <label class="file">
        <span>CSV file</span>
        <input type="file" accept=".csv,text/csv" (change)="choose($any($event.target).files)" />
      </label>
      @if (error(); as error) {
        <hh-form-error-banner [message]="error" />
      }
      @if (result(); as result) {
        <section class="report" aria-labelledby="import-report-heading" aria-live="polite">
          <h3 id="import-report-heading">Import report</h3>
          <p class="summary">
            {{ result.created }} created, {{ result.skipped }} skipped, {{ result.errors.length }}
            {{ result.errors.length === 1 ? 'error' : 'errors' }}.
          </p>
          @if (result.errors.length) {
            <h4>Errors</h4>
            <ul aria-label="Import errors">
              @for (line of result.errors; track line.line) {
                <li>Line {{ line.line }}: {{ line.message }}</li>
              }
            </ul>
          }
          @if (result.skippedRows.length) {
            <h4>Skipped</h4>
            <ul aria-label="Skipped rows">
              @for (line of result.skippedRows; track line.line) {
                <li>Line {{ line.line }}: {{ line.message }}</li>
              }
            </ul>
          }
        </section>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="close()">{{ result() ? 'Done' : 'Cancel' }}</button>
      <button mat-flat-button type="button" [disabled]="!file() || uploading()" (click)="upload()">
        @if (uploading()) {
          <mat-progress-spinner diameter="18" mode="indeterminate" aria-hidden="true" />
        }
        Import
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .file {
      display: grid;
      gap: 0.25rem;
      margin: 0.75rem 0;
    }
    code {
      word-break: break-all;
    }
    h3,
    h4 {
      margin: 0.75rem 0 0.25rem;
    }
    ul {
      margin: 0;
      padding-left: 1.25rem;
      max-height: 12rem;
      overflow: auto;
    }
  `,
})
export class ImportNumbersDialogComponent {
  private readonly api = inject(AdminApiService);
  private readonly dialogRef = inject<MatDialogRef<ImportNumbersDialogComponent, NumberImportResult>>(MatDialogRef);

  protected readonly columns = NUMBER_IMPORT_COLUMNS.join(',');
  protected readonly file = signal<File | null>(null);
  protected readonly uploading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<NumberImportResult | null>(null);

  protected choose(files: FileList | null): void {
    const file = files?.[0] ?? null;
    this.result.set(null);
    this.error.set(
      file && file.size > IMPORT_MAX_BYTES ? `The file is larger than ${IMPORT_MAX_MB} MB; split it into parts.` : null,
    );
    this.file.set(file && file.size <= IMPORT_MAX_BYTES ? file : null);
  }

  protected async upload(): Promise<void> {
    const file = this.file();
    if (!file) {
      return;
    }
    this.uploading.set(true);
    this.error.set(null);
    let text: string;
    try {
      text = await readText(file);
    } catch {
      this.uploading.set(false);
      this.error.set('The file could not be read.');
      return;
    }
    this.api.importNumbers(text).subscribe({
      next: (result) => {
        this.uploading.set(false);
        this.result.set(result);
      },
      error: (error: unknown) => {
        this.uploading.set(false);
        this.error.set(httpErrorMessage(error));
      },
    });
  }

  protected close(): void {
    this.dialogRef.close(this.result() ?? undefined);
  }
}
