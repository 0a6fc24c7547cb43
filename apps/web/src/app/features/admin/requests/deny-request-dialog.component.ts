import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type AdminNumberRequest, LIMITS } from '@hh/contracts';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { AdminApiService } from '../admin-api.service';
import { requestSummary } from './request-labels';

/** Denies a request with the reason the requester will read (required). Closes with the updated request. */
@Component({
  selector: 'hh-deny-request-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>Deny request #{{ request.id }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()">
      <mat-dialog-content>
        <p>
          <strong>{{ request.user.name }}</strong> asked for: {{ summary }}. They will see your notes as the reason.
        </p>
        @if (error(); as error) {
          <hh-form-error-banner [message]="error" />
        }
        <mat-form-field appearance="outline" class="full">
          <mat-label>Admin notes</mat-label>
          <textarea matInput rows="3" required [maxLength]="notesMax" [formControl]="notes"></textarea>
          <mat-error>Tell the requester why the request is denied.</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
        <button mat-flat-button type="submit" class="deny" [disabled]="saving()">Deny request</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full {
      width: 100%;
    }
    .deny {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class DenyRequestDialogComponent {
  protected readonly request = inject<AdminNumberRequest>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<DenyRequestDialogComponent, AdminNumberRequest>>(MatDialogRef);
  private readonly api = inject(AdminApiService);

  protected readonly summary = requestSummary(this.request);
  protected readonly notesMax = LIMITS.textMaxLength;
  protected readonly notes = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/\S/)],
  });
  protected readonly form = new FormGroup({ notes: this.notes });
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.notes.invalid) {
      this.notes.markAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.api.deny(this.request.id, this.notes.value.trim()).subscribe({
      next: (updated) => this.dialogRef.close(updated),
      error: (error: unknown) => {
        this.saving.set(false);
        this.error.set(httpErrorMessage(error));
      },
    });
  }
}
