import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { CONTACT_CSV_COLUMNS, type ContactImportResult, LIMITS } from '@hh/contracts';
import { ContactDirectoryStore } from '../../shared/contacts/contact-directory.store';
import { ContactsApiService } from '../../shared/contacts/contacts-api.service';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../shared/http/http-error-message';

/**
 * Imports contacts from a CSV file: the file's text goes to the API as text/csv, and the per-line report comes back
 * (created, skipped and refused lines, each with why). Closes with the result, or nothing.
 */
@Component({
  selector: 'hh-import-contacts-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrorBannerComponent, MatButtonModule, MatDialogModule, MatProgressSpinnerModule],
  template: `
    <h2 mat-dialog-title>Import contacts from CSV</h2>
    <mat-dialog-content>
      <p>
        The first line is the header: <code>{{ columns }}</code
        >. Only name is required; one line per number (lines with the same name and company make one contact). What is
        already in your contacts is skipped.
      </p>
      <label class="file">
        <span>CSV file</span>
        <input type="file" accept=".csv,text/csv" (change)="choose($any($event.target).files)" />
      </label>
      <hh-form-error-banner [message]="error()" />
      @if (result(); as result) {
        <section class="report" aria-labelledby="contacts-import-report" aria-live="polite">
          <h3 id="contacts-import-report">Import report</h3>
          <p class="summary" data-testid="import-summary">
            {{ result.contactsCreated }} {{ result.contactsCreated === 1 ? 'contact' : 'contacts' }} created ({{
              result.created
            }}
            lines), {{ result.skipped }} skipped, {{ result.errors.length }} refused.
          </p>
          <ul aria-label="Lines of the file">
            @for (line of result.lines; track line.line) {
              <li [class]="'outcome-' + line.outcome">
                Line {{ line.line }}: {{ outcomeLabels[line.outcome] }} — {{ line.message }}
              </li>
            }
          </ul>
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
      margin: 1rem 0;
    }
    .report ul {
      max-height: 16rem;
      overflow: auto;
      padding-left: 1.25rem;
    }
    .outcome-refused {
      color: #fecaca;
    }
    .outcome-skipped {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ImportContactsDialogComponent {
  private readonly api = inject(ContactsApiService);
  private readonly directory = inject(ContactDirectoryStore);
  private readonly dialogRef = inject<MatDialogRef<ImportContactsDialogComponent, ContactImportResult>>(MatDialogRef);

  protected readonly columns = CONTACT_CSV_COLUMNS.join(',');
  protected readonly outcomeLabels = { created: 'created', skipped: 'skipped', refused: 'refused' } as const;
  protected readonly file = signal<File | null>(null);
  protected readonly uploading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<ContactImportResult | null>(null);

  protected choose(files: FileList | null): void {
    this.file.set(files?.item(0) ?? null);
    this.error.set(null);
    this.result.set(null);
  }

  protected async upload(): Promise<void> {
    const file = this.file();
    if (!file) {
      return;
    }
    if (file.size > LIMITS.csvImportBytes) {
      this.error.set(`The file is larger than ${LIMITS.csvImportBytes / 1_048_576} MB.`);
      return;
    }
    this.uploading.set(true);
    this.error.set(null);
    const text = await file.text();
    this.api.importCsv(text).subscribe({
      next: (result) => {
        this.uploading.set(false);
        this.result.set(result);
        if (result.contactsCreated > 0) {
          this.directory.refresh();
        }
      },
      error: (error: unknown) => {
        this.uploading.set(false);
        this.error.set(`The file was not imported. ${httpErrorMessage(error)}`);
      },
    });
  }

  protected close(): void {
    this.dialogRef.close(this.result() ?? undefined);
  }
}
