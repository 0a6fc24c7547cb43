import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type { AdminUser, AdminPhoneNumber } from '@hh/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith, Subject, switchMap, tap } from 'rxjs';
import { formatPhoneNumber } from '../../../shared/format/phone';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { AdminApiService } from '../admin-api.service';

export const USER_SEARCH_DEBOUNCE_MS = 300;
export const USER_SEARCH_SIZE = 10;

/** Assigns a number to an active user found by name or email as the admin types. Closes with the saved number. */
@Component({
  selector: 'hh-assign-number-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorBannerComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
  ],
  template: `
    <h2 mat-dialog-title>Assign {{ label }}</h2>
    <mat-dialog-content>
      <p>Only active users can receive a number.</p>
      @if (error(); as error) {
        <hh-form-error-banner [message]="error" />
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="full">
        <mat-label>Search active users</mat-label>
        <input matInput type="search" autocomplete="off" (input)="search($any($event.target).value)" />
      </mat-form-field>
      <mat-radio-group
        class="options"
        aria-label="User to assign to"
        [value]="selected()"
        (change)="selected.set($event.value)"
      >
        @for (user of users(); track user.id) {
          <mat-radio-button [value]="user.id">
            {{ user.name }} <span class="muted">{{ user.email }}</span>
          </mat-radio-button>
        } @empty {
          <p class="muted">No active users match.</p>
        }
      </mat-radio-group>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
      <button mat-flat-button type="button" [disabled]="selected() === null || saving()" (click)="assign()">
        Assign
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .full {
      width: 100%;
    }
    .options {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin-top: 0.75rem;
    }
  `,
})
export class AssignNumberDialogComponent {
  private readonly number = inject<AdminPhoneNumber>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<AssignNumberDialogComponent, AdminPhoneNumber>>(MatDialogRef);
  private readonly api = inject(AdminApiService);
  private readonly searches = new Subject<string>();

  protected readonly label = formatPhoneNumber(this.number.phoneNumber);
  protected readonly users = signal<AdminUser[]>([]);
  protected readonly selected = signal<number | null>(null);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.searches
      .pipe(
        debounceTime(USER_SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        startWith(''),
        distinctUntilChanged(),
        switchMap((q) =>
          // One search request per pause in typing (GET /admin/users?q=…), the previous one cancelled.
          this.api.listUsers({ page: 1, pageSize: USER_SEARCH_SIZE, status: 'active', ...(q ? { q } : {}) }).pipe(
            map((page) => page.data),
            tap(() => this.error.set(null)),
            catchError((error: unknown) => {
              this.error.set(httpErrorMessage(error));
              return of([] as AdminUser[]);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((users) => this.users.set(users));
  }

  protected search(text: string): void {
    this.searches.next(text);
  }

  protected assign(): void {
    const ownerId = this.selected();
    if (ownerId === null) {
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    this.api.updateNumber(this.number.id, { ownerId }).subscribe({
      next: (saved) => this.dialogRef.close(saved),
      error: (error: unknown) => {
        this.saving.set(false);
        this.error.set(httpErrorMessage(error));
      },
    });
  }
}
