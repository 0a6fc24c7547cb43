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
import {
  APP_ROUTES,
  NUMBER_STATUSES,
  NUMBER_TYPES,
  type NumberImportResult,
  type PageMeta,
  type PhoneNumber,
} from '@hh/contracts';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  filter,
  map,
  merge,
  type Observable,
  of,
  Subject,
  switchMap,
  tap,
} from 'rxjs';
import { formatPhoneNumber } from '../../../shared/format/phone';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { confirmAction } from '../../../shared/ui/confirm-dialog.component';
import { NUMBER_STATUS_LABELS, NUMBER_TYPE_LABELS } from '../../numbers/phone-number-labels';
import { AdminApiService } from '../admin-api.service';
import {
  hasNumberFilters,
  NO_NUMBER_FILTERS,
  NUMBER_SEARCH_MAX_LENGTH,
  type NumberFilters,
  type NumberListState,
  numberListStateFromParams,
  numberListStateToParams,
  toNumberListQuery,
} from './admin-numbers-query';
import { AdminNumbersTableComponent, type NumberActionEvent, type OwnerLabel } from './admin-numbers-table.component';
import { AssignNumberDialogComponent } from './assign-number-dialog.component';
import { ImportNumbersDialogComponent } from './import-numbers-dialog.component';
import { NumberFormDialogComponent, type NumberFormData } from './number-form-dialog.component';
import { ADMIN_LIST_PAGE_STYLES } from '../admin-list-page.styles';

export const NUMBER_SEARCH_DEBOUNCE_MS = 300;
/** Owners are named from one page of users, the most the API gives at once. */
export const OWNER_LOOKUP_SIZE = 100;

const sameState = (a: NumberListState, b: NumberListState) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The number inventory (product plan 4.2 "Numbers"): filtered and paged by the server with the state in the URL;
 * add one number or import a CSV file; assign, release, edit, suspend and delete each number.
 */
@Component({
  selector: 'hh-admin-numbers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AdminNumbersTableComponent,
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
        <div>
          <h1>{{ title }}</h1>
          <p class="muted">Every number in the inventory, who holds it and what it costs.</p>
        </div>
        <div class="header-actions">
          <button mat-stroked-button type="button" aria-haspopup="dialog" (click)="openImport()">Import CSV</button>
          <button mat-flat-button type="button" aria-haspopup="dialog" (click)="openForm(null)">Add number</button>
        </div>
      </header>

      <section class="glass-card filters-card" aria-label="Filters">
        <div class="filters" role="search" aria-label="Filter numbers">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Search</mat-label>
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
            <mat-label>Status</mat-label>
            <mat-select [value]="state().filters.status" (valueChange)="changeFilters({ status: $event })">
              <mat-option [value]="null">All statuses</mat-option>
              @for (status of statuses; track status.value) {
                <mat-option [value]="status.value">{{ status.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Type</mat-label>
            <mat-select [value]="state().filters.numberType" (valueChange)="changeFilters({ numberType: $event })">
              <mat-option [value]="null">All types</mat-option>
              @for (type of types; track type.value) {
                <mat-option [value]="type.value">{{ type.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Owner id</mat-label>
            <input
              matInput
              type="number"
              min="1"
              [value]="state().filters.ownerId ?? ''"
              (change)="changeOwner($any($event.target).value)"
            />
          </mat-form-field>
          @if (filtered()) {
            <button mat-button type="button" (click)="clearFilters()">Clear filters</button>
          }
        </div>
      </section>

      <section class="glass-card results" aria-labelledby="numbers-heading" [attr.aria-busy]="loading()">
        <h2 id="numbers-heading" class="visually-hidden">Phone numbers</h2>
        <div class="progress">
          @if (loading()) {
            <mat-progress-bar mode="indeterminate" aria-label="Loading numbers" />
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
            <h3>{{ filtered() ? 'No numbers match these filters' : 'No numbers in the inventory yet' }}</h3>
            @if (filtered()) {
              <button mat-stroked-button type="button" (click)="clearFilters()">Show all numbers</button>
            }
          </div>
        } @else if (numbers().length > 0) {
          <hh-admin-numbers-table
            [numbers]="numbers()"
            [owners]="owners()"
            [page]="state().page"
            [pageSize]="state().pageSize"
            [total]="meta()?.total ?? numbers().length"
            [loading]="loading()"
            (pageChange)="changePage($event)"
            (acted)="act($event)"
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
      .page-intro {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        justify-content: space-between;
        gap: 1rem;
      }
      .page-intro h1 {
        margin: 0 0 0.25rem;
        font: var(--mat-sys-headline-medium);
        font-weight: 600;
      }
      .page-intro p {
        margin: 0;
      }
      .header-actions {
        display: flex;
        gap: 0.5rem;
      }
    `,
  ],
})
export class AdminNumbersPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly reload$ = new Subject<void>();
  private readonly searches = new Subject<string>();

  protected readonly title = APP_ROUTES.adminNumbers.title;
  protected readonly searchMaxLength = NUMBER_SEARCH_MAX_LENGTH;
  protected readonly statuses = NUMBER_STATUSES.map((value) => ({ value, label: NUMBER_STATUS_LABELS[value] }));
  protected readonly types = NUMBER_TYPES.map((value) => ({ value, label: NUMBER_TYPE_LABELS[value] }));
  protected readonly state = toSignal(this.route.queryParamMap.pipe(map(numberListStateFromParams)), {
    requireSync: true,
  });
  protected readonly numbers = signal<PhoneNumber[]>([]);
  protected readonly owners = signal<ReadonlyMap<number, OwnerLabel>>(new Map());
  protected readonly meta = signal<PageMeta | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly filtered = computed(() => hasNumberFilters(this.state().filters));
  protected readonly empty = computed(() => !this.loading() && !this.error() && this.numbers().length === 0);
  protected readonly searchText = linkedSignal(() => this.state().filters.q);

  constructor() {
    merge(
      this.route.queryParamMap.pipe(map(numberListStateFromParams), distinctUntilChanged(sameState)),
      this.reload$.pipe(map(() => this.state())),
    )
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((state) =>
          this.api.listNumbers(toNumberListQuery(state)).pipe(
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
        this.numbers.set(page.data);
        this.meta.set(page.meta);
      });

    this.searches
      .pipe(
        debounceTime(NUMBER_SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        filter((q) => q !== this.state().filters.q),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.changeFilters({ q }));

    this.loadOwners();
  }

  protected reload(): void {
    this.reload$.next();
  }

  protected search(text: string): void {
    this.searchText.set(text);
    this.searches.next(text);
  }

  protected changeFilters(change: Partial<NumberFilters>): void {
    const state = this.state();
    const typing = Object.keys(change).length === 1 && 'q' in change;
    this.navigate({ ...state, page: 1, filters: { ...state.filters, ...change } }, typing);
  }

  protected changeOwner(value: string): void {
    const id = Number(value);
    this.changeFilters({ ownerId: Number.isInteger(id) && id >= 1 ? id : null });
  }

  protected clearFilters(): void {
    this.searchText.set('');
    this.navigate({ ...this.state(), page: 1, filters: NO_NUMBER_FILTERS });
  }

  protected changePage({ page, pageSize }: { page: number; pageSize: number }): void {
    this.navigate({ ...this.state(), page, pageSize });
  }

  protected openForm(number: NumberFormData): void {
    this.dialog
      .open<NumberFormDialogComponent, NumberFormData, PhoneNumber>(NumberFormDialogComponent, {
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
        else this.reload();
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
        if (result && result.created > 0) this.reload();
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
          .open<AssignNumberDialogComponent, PhoneNumber, PhoneNumber>(AssignNumberDialogComponent, {
            data: number,
            width: '32rem',
            maxWidth: 'calc(100vw - 2rem)',
          })
          .afterClosed()
          .subscribe((saved) => {
            if (!saved) return;
            this.replace(saved);
            this.loadOwners();
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
          () => this.reload(),
        );
        return;
    }
  }

  private confirmThen(
    confirmation: Parameters<typeof confirmAction>[1],
    request: () => Observable<PhoneNumber | void>,
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

  private replace(saved: PhoneNumber): void {
    this.numbers.update((rows) => rows.map((row) => (row.id === saved.id ? saved : row)));
  }

  /** Names owners from the first page of users; an owner beyond it shows as "User #id". */
  private loadOwners(): void {
    this.api
      .listUsers({ page: 1, pageSize: OWNER_LOOKUP_SIZE })
      .pipe(catchError(() => of(null)))
      .subscribe((page) => {
        if (page) this.owners.set(new Map(page.data.map((user) => [user.id, { name: user.name, email: user.email }])));
      });
  }

  private navigate(state: NumberListState, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: numberListStateToParams(state),
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}
