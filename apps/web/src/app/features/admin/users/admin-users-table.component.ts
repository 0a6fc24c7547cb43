import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { AdminUser, User } from '@hh/contracts';
import { roleActionFor, statusActionFor, type UserAction } from './user-actions';

interface UserRow {
  user: AdminUser;
  self: boolean;
  statusAction: UserAction;
  roleAction: UserAction;
}

export interface UserActionRequest {
  user: AdminUser;
  action: UserAction;
}

export const USER_TABLE_COLUMNS = [
  'name',
  'email',
  'role',
  'status',
  'signupDate',
  'lastLogin',
  'totalCalls',
  'numbersCount',
  'actions',
] as const;

/** Every account, as the server pages it (presentational; the page fetches and acts). */
@Component({
  selector: 'hh-admin-users-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatTableModule, MatTooltipModule],
  template: `
    <div class="table-scroll">
      <table mat-table aria-label="Users" [dataSource]="rows()" [trackBy]="trackById">
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef>Name</th>
          <td mat-cell *matCellDef="let row">
            <button
              type="button"
              class="name"
              aria-haspopup="dialog"
              [attr.aria-label]="'Details of ' + row.user.name"
              (click)="opened.emit(row.user)"
            >
              {{ row.user.name }}
            </button>
            @if (row.self) {
              <span class="badge you">You</span>
            }
          </td>
        </ng-container>

        <ng-container matColumnDef="email">
          <th mat-header-cell *matHeaderCellDef>Email</th>
          <td mat-cell *matCellDef="let row">
            {{ row.user.email }}
            @if (!row.user.emailVerified) {
              <span class="unverified" title="The user has not followed the link sent to this address"
                >(not confirmed)</span
              >
            }
          </td>
        </ng-container>

        <ng-container matColumnDef="role">
          <th mat-header-cell *matHeaderCellDef>Role</th>
          <td mat-cell *matCellDef="let row">{{ row.user.role === 'admin' ? 'Admin' : 'Client' }}</td>
        </ng-container>

        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>Status</th>
          <td mat-cell *matCellDef="let row">
            <span class="status-pill" [class]="'status-' + row.user.status">{{ row.user.status }}</span>
          </td>
        </ng-container>

        <ng-container matColumnDef="signupDate">
          <th mat-header-cell *matHeaderCellDef>Signed up</th>
          <td mat-cell *matCellDef="let row" class="nowrap">{{ row.user.signupDate | date: 'MMM d, y' }}</td>
        </ng-container>

        <ng-container matColumnDef="lastLogin">
          <th mat-header-cell *matHeaderCellDef>Last login</th>
          <td mat-cell *matCellDef="let row" class="nowrap">
            {{ row.user.lastLogin ? (row.user.lastLogin | date: 'MMM d, y, h:mm a') : 'Never' }}
          </td>
        </ng-container>

        <ng-container matColumnDef="totalCalls">
          <th mat-header-cell *matHeaderCellDef class="numeric">Calls</th>
          <td mat-cell *matCellDef="let row" class="numeric">{{ row.user.totalCalls }}</td>
        </ng-container>

        <ng-container matColumnDef="numbersCount">
          <th mat-header-cell *matHeaderCellDef class="numeric">Numbers</th>
          <td mat-cell *matCellDef="let row" class="numeric">{{ row.user.numbersCount }}</td>
        </ng-container>

        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef>Actions</th>
          <td mat-cell *matCellDef="let row">
            <div class="actions">
              @for (action of [row.statusAction, row.roleAction]; track action.kind) {
                <span [matTooltip]="action.disabledReason ?? ''" [matTooltipDisabled]="!action.disabledReason">
                  <button
                    mat-stroked-button
                    type="button"
                    [class]="'action-' + action.kind"
                    [attr.aria-label]="action.ariaLabel"
                    [attr.aria-describedby]="action.disabledReason ? 'self-guard-hint' : null"
                    [disabled]="!!action.disabledReason || busyIds().includes(row.user.id)"
                    (click)="acted.emit({ user: row.user, action })"
                  >
                    {{ action.label }}
                  </button>
                </span>
              }
            </div>
            @if (row.self) {
              <p id="self-guard-hint" class="hint muted">
                {{ row.statusAction.disabledReason ?? row.roleAction.disabledReason }}
              </p>
            }
          </td>
        </ng-container>

        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let row; columns: columns"></tr>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .name {
      padding: 0;
      border: 0;
      background: none;
      color: var(--mat-sys-on-surface);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
      text-align: left;
    }
    .name:hover {
      color: var(--mat-sys-primary);
      text-decoration: underline;
    }
    .you {
      margin-left: 0.375rem;
      text-transform: none;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
    }
    .hint {
      margin: 0.25rem 0 0;
      max-width: 16rem;
      font: var(--mat-sys-body-small);
    }
    .numeric {
      font-variant-numeric: tabular-nums;
      text-align: right;
    }
    .nowrap {
      white-space: nowrap;
    }
  `,
})
export class AdminUsersTableComponent {
  readonly users = input.required<readonly AdminUser[]>();
  /** The signed-in admin, whose own row cannot be suspended or demoted. */
  readonly me = input<User | null>(null);
  /** Rows with a change in flight. */
  readonly busyIds = input<readonly number[]>([]);

  readonly acted = output<UserActionRequest>();
  readonly opened = output<AdminUser>();

  protected readonly columns = USER_TABLE_COLUMNS;
  protected readonly rows = computed<UserRow[]>(() => {
    const me = this.me();
    return this.users().map((user) => ({
      user,
      self: me?.id === user.id,
      statusAction: statusActionFor(user, me),
      roleAction: roleActionFor(user, me),
    }));
  });

  protected readonly trackById = (_index: number, row: UserRow) => row.user.id;
}
