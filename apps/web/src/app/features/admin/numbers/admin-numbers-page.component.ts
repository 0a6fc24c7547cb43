import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  APP_ROUTES,
  NUMBER_STATUSES,
  NUMBER_TYPES,
  type NumberImportResult,
  type AdminPhoneNumber,
} from '@hh/contracts';
import { filter, type Observable, switchMap, tap } from 'rxjs';
import { formatPhoneNumber } from '../../../shared/format/phone';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { injectServerList } from '../../../shared/http/server-list';
import { idOf } from '../../../shared/http/url-state';
import { confirmAction } from '../../../shared/ui/confirm-dialog.component';
import { ListEmptyDirective, ListResultsComponent, ListRowsDirective } from '../../../shared/ui/list-results.component';
import { NUMBER_STATUS_LABELS, NUMBER_TYPE_LABELS } from '../../../shared/format/phone-number-labels';
import { AdminApiService } from '../admin-api.service';
import {
  hasNumberFilters,
  NO_NUMBER_FILTERS,
  NUMBER_SEARCH_MAX_LENGTH,
  numberListStateFromParams,
  numberListStateToParams,
  toNumberListQuery,
} from './admin-numbers-query';
import { AdminNumbersTableComponent, type NumberActionEvent } from './admin-numbers-table.component';
import { AssignNumberDialogComponent } from './assign-number-dialog.component';
import { ImportNumbersDialogComponent } from './import-numbers-dialog.component';
import { NumberFormDialogComponent, type NumberFormData } from './number-form-dialog.component';

/**
 * The number inventory: filtered and paged by the server with the state in the URL;
 * add one number or import a CSV file; assign, release, edit, suspend and delete each number.
 */
@Component({
  selector: 'hh-admin-numbers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AdminNumbersTableComponent,
    ListEmptyDirective,
    ListResultsComponent,
    ListRowsDirective,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './admin-numbers-page.component.html',
  styleUrls: ['../admin-list-page.scss', './admin-numbers-page.component.scss'],
})
export class AdminNumbersPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly title = APP_ROUTES.adminNumbers.title;
  protected readonly searchMaxLength = NUMBER_SEARCH_MAX_LENGTH;
  protected readonly statuses = NUMBER_STATUSES.map((value) => ({ value, label: NUMBER_STATUS_LABELS[value] }));
  protected readonly types = NUMBER_TYPES.map((value) => ({ value, label: NUMBER_TYPE_LABELS[value] }));
  protected readonly list = injectServerList({
    fromParams: numberListStateFromParams,
    toParams: numberListStateToParams,
    fetch: (state) => this.api.listNumbers(toNumberListQuery(state)),
    noFilters: NO_NUMBER_FILTERS,
    hasFilters: hasNumberFilters,
  });
  protected readonly actionError = signal<string | null>(null);

  protected changeOwner(value: string): void {
    this.list.changeFilters({ ownerId: idOf(value) });
  }

  protected openForm(number: NumberFormData): void {
    this.dialog
      .open<NumberFormDialogComponent, NumberFormData, AdminPhoneNumber>(NumberFormDialogComponent, {
        data: number,
        width: '34rem',
        maxWidth: 'calc(100vw - 2rem)',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.snackBar.open(`${formatPhoneNumber(saved.phoneNumber)} ${number ? 'is saved' : 'is added'}.`, 'Dismiss', {
          duration: 4000,
        });
        if (number) this.replace(saved);
        else this.list.reload();
      });
  }

  protected openImport(): void {
    this.dialog
      .open<ImportNumbersDialogComponent, void, NumberImportResult>(ImportNumbersDialogComponent, {
        width: '36rem',
        maxWidth: 'calc(100vw - 2rem)',
      })
      .afterClosed()
      .subscribe((result) => {
        if (result && result.created > 0) this.list.reload();
      });
  }

  protected act({ number, kind }: NumberActionEvent): void {
    const label = formatPhoneNumber(number.phoneNumber);
    switch (kind) {
      case 'edit':
        this.openForm(number);
        return;
      case 'assign':
        this.dialog
          .open<AssignNumberDialogComponent, AdminPhoneNumber, AdminPhoneNumber>(AssignNumberDialogComponent, {
            data: number,
            width: '32rem',
            maxWidth: 'calc(100vw - 2rem)',
          })
          .afterClosed()
          .subscribe((saved) => {
            if (!saved) return;
            this.replace(saved);
            this.snackBar.open(`${label} is assigned.`, 'Dismiss', { duration: 4000 });
          });
        return;
      case 'release':
        this.confirmThen(
          {
            title: `Release ${label}?`,
            message: `${label} is taken from its owner at once (their calls from it stop) and becomes available.`,
            confirmLabel: 'Release',
            dismissLabel: 'Keep assigned',
          },
          () => this.api.updateNumber(number.id, { ownerId: null }),
          `${label} is released.`,
        );
        return;
      case 'suspend':
        this.confirmThen(
          {
            title: `Suspend ${label}?`,
            message: `${label} cannot be assigned until you unsuspend it.`,
            confirmLabel: 'Suspend',
            dismissLabel: 'Keep available',
          },
          () => this.api.updateNumber(number.id, { status: 'suspended' }),
          `${label} is suspended.`,
        );
        return;
      case 'unsuspend':
        this.confirmThen(
          {
            title: `Unsuspend ${label}?`,
            message: `${label} becomes available to assign again.`,
            confirmLabel: 'Unsuspend',
            dismissLabel: 'Keep suspended',
          },
          () => this.api.updateNumber(number.id, { status: 'available' }),
          `${label} is available again.`,
        );
        return;
      case 'delete':
        this.confirmThen(
          {
            title: `Delete ${label}?`,
            message: `${label} leaves the inventory for good. A number someone holds must be released first.`,
            confirmLabel: 'Delete',
            dismissLabel: 'Keep number',
          },
          () => this.api.deleteNumber(number.id),
          `${label} is deleted.`,
          () => this.list.reload(),
        );
        return;
    }
  }

  private confirmThen(
    confirmation: Parameters<typeof confirmAction>[1],
    request: () => Observable<AdminPhoneNumber | void>,
    doneMessage: string,
    after?: () => void,
  ): void {
    confirmAction(this.dialog, confirmation)
      .pipe(
        filter(Boolean),
        tap(() => this.actionError.set(null)),
        switchMap(() => request()),
      )
      .subscribe({
        next: (saved) => {
          if (saved) this.replace(saved);
          after?.();
          this.snackBar.open(doneMessage, 'Dismiss', { duration: 4000 });
        },
        error: (error: unknown) => {
          const message = httpErrorMessage(error);
          this.actionError.set(message);
          this.snackBar.open(message, 'Dismiss', { duration: 8000 });
        },
      });
  }

  private replace(saved: AdminPhoneNumber): void {
    this.list.rows.update((rows) => rows.map((row) => (row.id === saved.id ? saved : row)));
  }
}
