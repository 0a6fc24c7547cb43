import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, type MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { CONTACT_LIMITS, type Contact, type ContactInput, DEFAULT_CONTACT_NUMBER_LABEL, LIMITS } from '@hh/contracts';
import type { Observable } from 'rxjs';
import { FormErrorBannerComponent } from '../forms/form-error-banner.component';
import { formatPhoneNumber } from '../format/phone';
import { httpErrorMessage } from '../http/http-error-message';
import { ContactDirectoryStore } from './contact-directory.store';
import { ContactsApiService } from './contacts-api.service';

export interface ContactEditorData {
  /** The contact to change; absent to add one. */
  contact?: Contact;
  /** A new contact's first number (e.g. "Add to contacts" from a call). */
  phoneNumber?: string;
}

type NumberGroup = FormGroup<{ label: FormControl<string>; phoneNumber: FormControl<string> }>;

function numberGroup(label: string, phoneNumber: string): NumberGroup {
  return new FormGroup({
    label: new FormControl(label, {
      nonNullable: true,
      validators: [Validators.maxLength(CONTACT_LIMITS.labelMaxLength)],
    }),
    phoneNumber: new FormControl(phoneNumber, {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(32)],
    }),
  });
}

/** Adds or changes a contact: name, company, numbers with labels, e-mail and notes. Closes with the saved contact. */
@Component({
  selector: 'hh-contact-editor-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.contact ? 'Edit contact' : 'New contact' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <hh-form-error-banner [message]="error()" />
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" [maxlength]="limits.nameMaxLength" required cdkFocusInitial />
          @if (form.controls.name.invalid && form.controls.name.touched) {
            <mat-error>Enter a name</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Company</mat-label>
          <input matInput formControlName="company" [maxlength]="limits.companyMaxLength" />
        </mat-form-field>
        <fieldset class="numbers">
          <legend>Numbers</legend>
          @for (group of numbers.controls; track group; let i = $index) {
            <div class="number-row" [formGroup]="group">
              <mat-form-field appearance="outline" class="label">
                <mat-label>Label</mat-label>
                <input matInput formControlName="label" [maxlength]="limits.labelMaxLength" />
              </mat-form-field>
              <mat-form-field appearance="outline" class="phone">
                <mat-label>Phone number</mat-label>
                <input matInput type="tel" formControlName="phoneNumber" maxlength="32" />
              </mat-form-field>
              <button
                mat-icon-button
                type="button"
                [attr.aria-label]="'Remove number ' + (i + 1)"
                (click)="numbers.removeAt(i)"
              >
                <mat-icon svgIcon="hh:delete" aria-hidden="true" />
              </button>
            </div>
          }
          @if (numbers.length < limits.numbersPerContact) {
            <button mat-button type="button" (click)="addNumber()">Add a number</button>
          }
        </fieldset>
        <mat-form-field appearance="outline">
          <mat-label>E-mail</mat-label>
          <input matInput type="email" formControlName="email" [maxlength]="limits.emailMaxLength" />
          @if (form.controls.email.invalid && form.controls.email.touched) {
            <mat-error>Enter an e-mail address</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Notes</mat-label>
          <textarea matInput rows="3" formControlName="notes" [maxlength]="notesMaxLength"></textarea>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">
          @if (saving()) {
            <mat-progress-spinner diameter="18" mode="indeterminate" aria-hidden="true" />
          }
          Save contact
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
    .numbers {
      margin: 0 0 1rem;
      padding: 0;
      border: 0;
    }
    legend {
      font: var(--mat-sys-label-large);
      margin-bottom: 0.5rem;
    }
    .number-row {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
    }
    .number-row .label {
      flex: 0 0 8rem;
    }
    .number-row .phone {
      flex: 1;
    }
  `,
})
export class ContactEditorDialogComponent {
  protected readonly data = inject<ContactEditorData>(MAT_DIALOG_DATA);
  private readonly api = inject(ContactsApiService);
  private readonly directory = inject(ContactDirectoryStore);
  private readonly dialogRef = inject<MatDialogRef<ContactEditorDialogComponent, Contact>>(MatDialogRef);

  protected readonly limits = CONTACT_LIMITS;
  protected readonly notesMaxLength = LIMITS.textMaxLength;
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly numbers = new FormArray<NumberGroup>(
    this.data.contact
      ? this.data.contact.numbers.map((n) => numberGroup(n.label, formatPhoneNumber(n.phoneNumber)))
      : [numberGroup(DEFAULT_CONTACT_NUMBER_LABEL, formatPhoneNumber(this.data.phoneNumber ?? ''))],
  );
  protected readonly form = new FormGroup({
    name: new FormControl(this.data.contact?.name ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/\S/)],
    }),
    company: new FormControl(this.data.contact?.company ?? '', { nonNullable: true }),
    numbers: this.numbers,
    email: new FormControl(this.data.contact?.email ?? '', { nonNullable: true, validators: [Validators.email] }),
    notes: new FormControl(this.data.contact?.notes ?? '', { nonNullable: true }),
  });

  protected addNumber(): void {
    this.numbers.push(numberGroup(DEFAULT_CONTACT_NUMBER_LABEL, ''));
  }

  protected save(): void {
    // A number row left empty is no number.
    for (let i = this.numbers.length - 1; i >= 0; i--) {
      if (!this.numbers.at(i).controls.phoneNumber.value.trim()) {
        this.numbers.removeAt(i);
      }
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const input: ContactInput = {
      name: value.name.trim(),
      company: value.company.trim() || null,
      numbers: value.numbers.map((n) => ({
        label: n.label.trim() || DEFAULT_CONTACT_NUMBER_LABEL,
        phoneNumber: n.phoneNumber.trim(),
      })),
      email: value.email.trim() || null,
      notes: value.notes.trim() || null,
    };
    this.saving.set(true);
    this.error.set(null);
    const request: Observable<Contact> = this.data.contact
      ? this.api.update(this.data.contact.id, input)
      : this.api.create(input);
    request.subscribe({
      next: (contact) => {
        this.saving.set(false);
        this.directory.refresh();
        this.dialogRef.close(contact);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.error.set(`The contact could not be saved. ${httpErrorMessage(error)}`);
      },
    });
  }
}

/** Opens the editor; the observable gives the saved contact, or undefined when the dialog was closed without saving. */
export function openContactEditor(dialog: MatDialog, data: ContactEditorData): Observable<Contact | undefined> {
  return dialog
    .open<ContactEditorDialogComponent, ContactEditorData, Contact>(ContactEditorDialogComponent, {
      data,
      width: '34rem',
      maxWidth: 'calc(100vw - 2rem)',
    })
    .afterClosed();
}
