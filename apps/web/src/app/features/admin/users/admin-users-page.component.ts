import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { type AdminUser, APP_ROUTES, type PageMeta } from '@hh/contracts';
import { catchError, debounceTime, distinctUntilChanged, filter, map, merge, of, Subject, switchMap, tap } from 'rxjs';
import { AuthStore } from '../../../core/auth/auth-store.service';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { confirmAction } from '../../../shared/ui/confirm-dialog.component';
import { AdminApiService } from '../admin-api.service';
import { AdminUserDetailDialogComponent, type AdminUserDetailData } from './admin-user-detail-dialog.component';
import { AdminUsersTableComponent, type UserActionRequest } from './admin-users-table.component';
import {
  hasUserFilters,
  NO_USER_FILTERS,
  USER_SEARCH_MAX_LENGTH,
  type UserFilters,
  type UserListState,
  userListStateFromParams,
  userListStateToParams,
  toUserListQuery,
} from './admin-users-query';
import { confirmationFor, doneMessageFor } from './user-actions';
import { ADMIN_LIST_PAGE_STYLES } from '../admin-list-page.styles';

/** How long the search waits for typing to pause before it asks the server. */
export const USER_SEARCH_DEBOUNCE_MS = 300;

const sameState = (a: UserListState, b: UserListState) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Every account (product plan 4.2 "Users"): searched, filtered and paged by the server with the state in the URL;
 * approve, suspend, reactivate and change roles after a confirmation; the API's guard rails are explained up front
 * (your own row) or shown as the API words them (the last active admin).
 */
@Component({
  selector: 'hh-admin-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AdminUsersTableComponent,
    FormErrorBannerComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
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
              [value]="searchText()"
              (input)="search($any($event.target).value)"
            />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Role</mat-label>
            <mat-select [value]="state().filters.role" (valueChange)="changeFilters({ role: $event })">
              <mat-option [value]="null">All roles</mat-option>
              <mat-option value="admin">Admin</mat-option>
              <mat-option value="client">Client</mat-option>
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Status</mat-label>
            <mat-select [value]="state().filters.status" (valueChange)="changeFilters({ status: $event })">
              <mat-option [value]="null">All statuses</mat-option>
              <mat-option value="pending">Pending</mat-option>
              <mat-option value="active">Active</mat-option>
              <mat-option value="suspended">Suspended</mat-option>
            </mat-select>
          </mat-form-field>
          @if (filtered()) {
            <button mat-button type="button" class="clear" (click)="clearFilters()">Clear filters</button>
          }
        </div>
      </section>

      <section class="glass-card results" aria-labelledby="users-heading" [attr.aria-busy]="loading()">
        <h2 id="users-heading" class="visually-hidden">Users</h2>
        <div class="progress">
          @if (loading()) {
            <mat-progress-bar mode="indeterminate" aria-label="Loading users" />
          }
        </div>
        @if (error(); as error) {
          <div class="problem">
            <hh-form-error-banner [message]="error" />
            <button mat-button type="button" (click)="reload()">Try again</button>
          </div>
        }
        @if (actionError(); as message) {
          <div class="problem" role="alert">
            <hh-form-error-banner [message]="message" />
            <button mat-button type="button" (click)="actionError.set(null)">Dismiss</button>
          </div>
        }
        @if (empty()) {
          <div class="empty-state">
            <h3>{{ filtered() ? 'No users match these filters' : 'No users yet' }}</h3>
            @if (filtered()) {
              <button mat-stroked-button type="button" (click)="clearFilters()">Show all users</button>
            }
          </div>
        } @else if (users().length > 0) {
          <hh-admin-users-table
            [users]="users()"
            [me]="me()"
            [busyIds]="busyIds()"
            [page]="state().page"
            [pageSize]="state().pageSize"
            [total]="meta()?.total ?? users().length"
            [loading]="loading()"
            (pageChange)="changePage($event)"
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
      .page {
        display: grid;
        gap: 1.25rem;
      }
      .page-intro h1 {
        margin: 0 0 0.25rem;
        font: var(--mat-sys-headline-medium);
        font-weight: 600;
      }
      .page-intro p {
        margin: 0;
      }
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
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly reload$ = new Subject<void>();
  private readonly searches = new Subject<string>();

  protected readonly title = APP_ROUTES.adminUsers.title;
  protected readonly searchMaxLength = USER_SEARCH_MAX_LENGTH;
  protected readonly me = inject(AuthStore).user;

  protected readonly state = toSignal(this.route.queryParamMap.pipe(map(userListStateFromParams)), {
    requireSync: true,
  });
  protected readonly users = signal<AdminUser[]>([]);
  protected readonly meta = signal<PageMeta | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  /** The API's refusal of the last action (e.g. the last active admin), shown until dismissed. */
  protected readonly actionError = signal<string | null>(null);
  protected readonly busyIds = signal<number[]>([]);
  protected readonly filtered = computed(() => hasUserFilters(this.state().filters));
  protected readonly empty = computed(() => !this.loading() && !this.error() && this.users().length === 0);
  /** The search as typed; it follows the URL whenever that changes. */
  protected readonly searchText = linkedSignal(() => this.state().filters.q);

  constructor() {
    merge(
      this.route.queryParamMap.pipe(map(userListStateFromParams), distinctUntilChanged(sameState)),
      this.reload$.pipe(map(() => this.state())),
    )
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((state) =>
          this.api.listUsers(toUserListQuery(state)).pipe(
            map((page) => ({ state, page, error: null })),
            catchError((error: unknown) => of({ state, page: null, error: httpErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ state, page, error }) => {
        this.loading.set(false);
        this.error.set(error);
        if (!page) {
          return;
        }
        if (page.data.length === 0 && state.page > 1 && page.meta.total > 0) {
          this.navigate({ ...state, page: page.meta.totalPages }, true);
          return;
        }
        this.users.set(page.data);
        this.meta.set(page.meta);
      });

    this.searches
      .pipe(
        debounceTime(USER_SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        filter((q) => q !== this.state().filters.q),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.changeFilters({ q }));
  }

  protected reload(): void {
    this.reload$.next();
  }

  protected search(text: string): void {
    this.searchText.set(text);
    this.searches.next(text);
  }

  protected changeFilters(change: Partial<UserFilters>): void {
    const state = this.state();
    const typing = Object.keys(change).length === 1 && 'q' in change;
    this.navigate({ ...state, page: 1, filters: { ...state.filters, ...change } }, typing);
  }

  protected clearFilters(): void {
    this.searchText.set('');
    this.navigate({ ...this.state(), page: 1, filters: NO_USER_FILTERS });
  }

  protected changePage({ page, pageSize }: { page: number; pageSize: number }): void {
    this.navigate({ ...this.state(), page, pageSize });
  }

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
          this.users.update((rows) => rows.map((row) => (row.id === updated.id ? { ...row, ...updated } : row)));
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

  private navigate(state: UserListState, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: userListStateToParams(state),
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}
