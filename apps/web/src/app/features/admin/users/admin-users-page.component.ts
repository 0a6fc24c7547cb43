import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { type AdminUser, APP_ROUTES } from '@hh/contracts';
import { filter, switchMap, tap } from 'rxjs';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { injectServerList } from '../../../shared/http/server-list';
import { confirmAction } from '../../../shared/ui/confirm-dialog.component';
import { ListEmptyDirective, ListResultsComponent, ListRowsDirective } from '../../../shared/ui/list-results.component';
import { AdminApiService } from '../admin-api.service';
import { AdminUserDetailDialogComponent, type AdminUserDetailData } from './admin-user-detail-dialog.component';
import { AdminUsersTableComponent, type UserActionRequest } from './admin-users-table.component';
import {
  hasUserFilters,
  NO_USER_FILTERS,
  USER_SEARCH_MAX_LENGTH,
  userListStateFromParams,
  userListStateToParams,
  toUserListQuery,
} from './admin-users-query';
import { confirmationFor, doneMessageFor } from './user-actions';

/**
 * Every account: searched, filtered and paged by the server with the state in the URL;
 * approve, suspend, reactivate and change roles after a confirmation; the API's guard rails are explained up front
 * (your own row) or shown as the API words them (the last active admin).
 */
@Component({
  selector: 'hh-admin-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AdminUsersTableComponent,
    ListEmptyDirective,
    ListResultsComponent,
    ListRowsDirective,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './admin-users-page.component.html',
  styleUrls: ['../admin-list-page.scss', './admin-users-page.component.scss'],
})
export class AdminUsersPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly title = APP_ROUTES.adminUsers.title;
  protected readonly searchMaxLength = USER_SEARCH_MAX_LENGTH;
  protected readonly me = inject(AuthStore).user;

  protected readonly list = injectServerList({
    fromParams: userListStateFromParams,
    toParams: userListStateToParams,
    fetch: (state) => this.api.listUsers(toUserListQuery(state)),
    noFilters: NO_USER_FILTERS,
    hasFilters: hasUserFilters,
  });
  /** The API's refusal of the last action (e.g. the last active admin), shown until dismissed. */
  protected readonly actionError = signal<string | null>(null);
  protected readonly busyIds = signal<number[]>([]);

  protected openDetails(user: AdminUser): void {
    this.dialog.open<AdminUserDetailDialogComponent, AdminUserDetailData>(AdminUserDetailDialogComponent, {
      data: { userId: user.id, name: user.name },
      width: '42rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-heading',
    });
  }

  /**
   * The button the admin pressed is replaced (Approve becomes Suspend): the keyboard moves on to the next row, whose
   * account is likely the next to review, or stays on this row when it is the last.
   */
  private focusAfter(userId: number): void {
    const row = this.host.nativeElement.querySelector<HTMLElement>(`tr[data-user-id="${userId}"]`);
    const next = row?.nextElementSibling instanceof HTMLElement ? row.nextElementSibling : row;
    next?.querySelector<HTMLElement>('hh-row-actions button:not([disabled]), button.name')?.focus();
  }

  /** Confirms, then applies the change; the row takes the server's answer, a refusal is shown as the API words it. */
  protected act({ user, action }: UserActionRequest): void {
    if (action.disabledReason) {
      return;
    }
    confirmAction(this.dialog, confirmationFor(action.kind, user))
      .pipe(
        filter(Boolean),
        tap(() => {
          this.actionError.set(null);
          this.busyIds.update((ids) => [...ids, user.id]);
        }),
        switchMap(() => this.api.updateUser(user.id, action.change)),
      )
      .subscribe({
        next: (updated) => {
          this.busyIds.update((ids) => ids.filter((id) => id !== user.id));
          this.list.rows.update((rows) => rows.map((row) => (row.id === updated.id ? { ...row, ...updated } : row)));
          this.snackBar.open(doneMessageFor(action.kind, updated.name), 'Dismiss', { duration: 4000 });
          afterNextRender(() => this.focusAfter(updated.id), { injector: this.injector });
        },
        error: (error: unknown) => {
          this.busyIds.update((ids) => ids.filter((id) => id !== user.id));
          const message = httpErrorMessage(error);
          this.actionError.set(message);
          this.snackBar.open(message, 'Dismiss', { duration: 8000 });
        },
      });
  }
}
