import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { AdminUser, User } from '@hh/contracts';
import { injectIsPhone } from '../../../shared/ui/breakpoints';
import { RowActionsComponent, type RowAction } from '../../../shared/ui/row-actions.component';
import { roleActionFor, statusActionFor, type UserAction, type UserActionKind } from './user-actions';

interface UserRow {
  user: AdminUser;
  self: boolean;
  statusAction: UserAction;
  roleAction: UserAction;
  /** Both, as icon buttons: the status action first, where the eye meets it next to the name. */
  buttons: RowAction<UserActionKind>[];
}

const ACTION_ICONS: Record<UserActionKind, RowAction['icon']> = {
  approve: 'check-circle',
  suspend: 'block',
  reactivate: 'refresh',
  makeAdmin: 'shield',
  makeClient: 'person',
};

/** On a phone: who, in what state, and what to do (the rest is in the user's details). */
const PHONE_COLUMNS = ['name', 'status', 'actions'] as const;

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
  imports: [DatePipe, MatTableModule, RowActionsComponent],
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
            @if (isPhone()) {
              <span class="secondary">{{ row.user.email }}</span>
            }
          </td>
        </ng-container>

        <ng-container matColumnDef="email">
          <th mat-header-cell *matHeaderCellDef>Email</th>
          <td mat-cell *matCellDef="let row" class="email" [attr.title]="row.user.email">
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
            <span [attr.title]="row.user.lastLogin ? (row.user.lastLogin | date: 'MMM d, y, h:mm a') : null">
              {{ row.user.lastLogin ? (row.user.lastLogin | date: 'MMM d, y') : 'Never' }}
            </span>
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
            <hh-row-actions [actions]="row.buttons" (acted)="act(row, $event)" />
            @if (row.self) {
              <span id="self-guard-hint" class="cdk-visually-hidden">
                {{ row.statusAction.disabledReason ?? row.roleAction.disabledReason }}
              </span>
            }
          </td>
        </ng-container>

        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()" [attr.data-user-id]="row.user.id"></tr>
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
      white-space: nowrap;
    }
    .name:hover {
      color: var(--mat-sys-primary);
      text-decoration: underline;
    }
    .you {
      margin-left: 0.375rem;
      text-transform: none;
    }
    .email {
      overflow: hidden;
      max-width: 12rem;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    /* Under the address, so that it never pushes the row's actions away. */
    .unverified {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .secondary {
      display: block;
      overflow: hidden;
      max-width: 8.5rem;
      text-overflow: ellipsis;
      white-space: nowrap;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
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

  protected readonly isPhone = injectIsPhone();
  protected readonly columns = computed<readonly string[]>(() => (this.isPhone() ? PHONE_COLUMNS : USER_TABLE_COLUMNS));
  protected readonly rows = computed<UserRow[]>(() => {
    const me = this.me();
    const busy = this.busyIds();
    return this.users().map((user) => {
      const statusAction = statusActionFor(user, me);
      const roleAction = roleActionFor(user, me);
      return {
        user,
        self: me?.id === user.id,
        statusAction,
        roleAction,
        buttons: [statusAction, roleAction].map((action) => ({
          kind: action.kind,
          label: action.label,
          ariaLabel: action.ariaLabel,
          icon: ACTION_ICONS[action.kind],
          disabledReason: action.disabledReason,
          describedBy: action.disabledReason ? 'self-guard-hint' : null,
          busy: busy.includes(user.id),
          tone: action.kind === 'suspend' ? ('danger' as const) : ('default' as const),
        })),
      };
    });
  });

  protected act(row: UserRow, kind: string): void {
    const action = [row.statusAction, row.roleAction].find((candidate) => candidate.kind === kind);
    if (action) this.acted.emit({ user: row.user, action });
  }

  protected readonly trackById = (_index: number, row: UserRow) => row.user.id;
}
