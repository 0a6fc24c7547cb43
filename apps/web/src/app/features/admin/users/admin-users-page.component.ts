import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { type AdminUser, APP_ROUTES } from '@hh/contracts';
import { filter, switchMap, tap } from 'rxjs';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { injectServerList } from '../../../shared/http/server-list';
import { confirmAction } from '../../../shared/ui/confirm-dialog.component';
import { ListStatusComponent } from '../../../shared/ui/list-status.component';
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
import { ADMIN_LIST_PAGE_STYLES } from '../admin-list-page.styles';

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
    FormErrorBannerComponent,
    ListStatusComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  template: `
    <div class="page">
      <header class="page-intro">
        <h1>{{ title }}</h1>
        <p class="muted">
          Approve new sign-ups, suspend or reactivate accounts and change roles. Click a name for the user's details.
        </p>
      </header>

      <section class="glass-card filters-card" aria-label="Filters">
        <div class="filters" role="search" aria-label="Filter users">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Search users</mat-label>
            <input
              matInput
              type="search"
              autocomplete="off"
              [maxLength]="searchMaxLength"
              [value]="list.search.text()"
              (input)="list.search.input($any($event.target).value)"
            />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Role</mat-label>
            <mat-select [value]="list.state().filters.role" (valueChange)="list.changeFilters({ role: $event })">
              <mat-option [value]="null">All roles</mat-option>
              <mat-option value="admin">Admin</mat-option>
              <mat-option value="client">Client</mat-option>
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Status</mat-label>
            <mat-select [value]="list.state().filters.status" (valueChange)="list.changeFilters({ status: $event })">
              <mat-option [value]="null">All statuses</mat-option>
              <mat-option value="pending">Pending</mat-option>
              <mat-option value="active">Active</mat-option>
              <mat-option value="suspended">Suspended</mat-option>
            </mat-select>
          </mat-form-field>
          @if (list.filtered()) {
            <button mat-button type="button" class="clear" (click)="list.clearFilters()">Clear filters</button>
          }
        </div>
      </section>

      <section class="glass-card results" aria-labelledby="users-heading" [attr.aria-busy]="list.loading()">
        <h2 id="users-heading" class="visually-hidden">Users</h2>
        <hh-list-status
          [loading]="list.loading()"
          [error]="list.error()"
          loadingLabel="Loading users"
          (retry)="list.reload()"
        />
        @if (actionError(); as message) {
          <div class="problem" role="alert">
            <hh-form-error-banner [message]="message" />
            <button mat-button type="button" (click)="actionError.set(null)">Dismiss</button>
          </div>
        }
        @if (list.empty()) {
          <div class="empty-state">
            <h3>{{ list.filtered() ? 'No users match these filters' : 'No users yet' }}</h3>
            @if (list.filtered()) {
              <button mat-stroked-button type="button" (click)="list.clearFilters()">Show all users</button>
            }
          </div>
        } @else if (list.rows().length > 0) {
          <hh-admin-users-table
            [users]="list.rows()"
            [me]="me()"
            [busyIds]="busyIds()"
            [page]="list.state().page"
            [pageSize]="list.state().pageSize"
            [total]="list.total()"
            [loading]="list.loading()"
            (pageChange)="list.changePage($event)"
            (acted)="act($event)"
            (opened)="openDetails($event)"
          />
        }
      </section>
    </div>
  `,
  styles: [
    ADMIN_LIST_PAGE_STYLES,
    `
      .filters {
        grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
      }
      .clear {
        justify-self: start;
      }
    `,
  ],
})
export class AdminUsersPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

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
