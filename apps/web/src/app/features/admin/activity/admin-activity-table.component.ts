import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { AdminActivityLog } from '@hh/contracts';
import { injectIsPhone } from '../../../shared/ui/breakpoints';
import { RowActionsComponent, type RowAction } from '../../../shared/ui/row-actions.component';
import { ActivityDetailDialogComponent } from './activity-detail-dialog.component';
import { compactDetails, truncate } from './admin-activity-query';

interface ActivityRow {
  entry: AdminActivityLog;
  user: string;
  entity: string;
  details: string;
  userAgent: string;
  open: RowAction[];
}

export const ACTIVITY_TABLE_COLUMNS = [
  'createdAt',
  'user',
  'action',
  'entity',
  'details',
  'ipAddress',
  'userAgent',
  'open',
] as const;
/** On a phone: when, who and what; the rest is in the entry's dialog. */
const PHONE_COLUMNS = ['createdAt', 'action', 'open'] as const;

/** The audit trail, newest first as the server pages it (presentational). */
@Component({
  selector: 'hh-admin-activity-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatTableModule, MatTooltipModule, RowActionsComponent],
  template: `
    <div class="table-scroll">
      <table mat-table aria-label="Activity log" [dataSource]="rows()" [trackBy]="trackById">
        <ng-container matColumnDef="createdAt">
          <th mat-header-cell *matHeaderCellDef>Time</th>
          <td mat-cell *matCellDef="let row" class="nowrap">{{ row.entry.createdAt | date: 'MMM d, y, h:mm:ss a' }}</td>
        </ng-container>
        <ng-container matColumnDef="user">
          <th mat-header-cell *matHeaderCellDef>User</th>
          <td mat-cell *matCellDef="let row">{{ row.user }}</td>
        </ng-container>
        <ng-container matColumnDef="action">
          <th mat-header-cell *matHeaderCellDef>Action</th>
          <td mat-cell *matCellDef="let row">
            <code>{{ row.entry.action }}</code>
          </td>
        </ng-container>
        <ng-container matColumnDef="entity">
          <th mat-header-cell *matHeaderCellDef>Entity</th>
          <td mat-cell *matCellDef="let row" class="nowrap">{{ row.entity }}</td>
        </ng-container>
        <ng-container matColumnDef="details">
          <th mat-header-cell *matHeaderCellDef>Details</th>
          <td mat-cell *matCellDef="let row" class="details">
            <span class="clamp">{{ row.details }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="ipAddress">
          <th mat-header-cell *matHeaderCellDef>IP</th>
          <td mat-cell *matCellDef="let row" class="nowrap">{{ row.entry.ipAddress ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="userAgent">
          <th mat-header-cell *matHeaderCellDef>User agent</th>
          <td mat-cell *matCellDef="let row">
            <span
              class="agent"
              [attr.title]="row.entry.userAgent"
              [matTooltip]="row.entry.userAgent ?? ''"
              [matTooltipDisabled]="!row.entry.userAgent"
              >{{ row.userAgent }}</span
            >
          </td>
        </ng-container>
        <ng-container matColumnDef="open">
          <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Entry</span></th>
          <td mat-cell *matCellDef="let row">
            <hh-row-actions [actions]="row.open" (acted)="open(row.entry)" />
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()" [attr.data-activity-id]="row.entry.id"></tr>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .nowrap {
      white-space: nowrap;
    }
    .details {
      min-width: 14rem;
      max-width: 28rem;
    }
    .clamp {
      display: -webkit-box;
      overflow: hidden;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      overflow-wrap: anywhere;
    }
    code {
      font-size: 0.8125rem;
    }
    .agent {
      white-space: nowrap;
    }
  `,
})
export class AdminActivityTableComponent {
  /** Each entry names who acted (`user`), so the table needs no look-ups. */
  readonly entries = input.required<readonly AdminActivityLog[]>();

  private readonly dialog = inject(MatDialog);
  private readonly isPhone = injectIsPhone();
  protected readonly columns = computed<readonly string[]>(() =>
    this.isPhone() ? PHONE_COLUMNS : ACTIVITY_TABLE_COLUMNS,
  );
  protected readonly rows = computed<ActivityRow[]>(() =>
    this.entries().map((entry) => ({
      entry,
      user:
        entry.userId === null
          ? 'System'
          : entry.user
            ? `${entry.user.name} (#${entry.userId})`
            : // A user deleted since: the entry keeps their id only.
              `User #${entry.userId}`,
      entity: entry.entityType ? `${entry.entityType}${entry.entityId !== null ? ' #' + entry.entityId : ''}` : '—',
      details: compactDetails(entry),
      userAgent: truncate(entry.userAgent),
      open: [
        {
          kind: 'open',
          label: 'Full entry',
          ariaLabel: `Full entry #${entry.id}`,
          icon: 'visibility',
        } satisfies RowAction,
      ],
    })),
  );

  protected open(entry: AdminActivityLog): void {
    this.dialog.open(ActivityDetailDialogComponent, { data: entry, width: '40rem', maxWidth: '95vw' });
  }

  protected readonly trackById = (_index: number, row: ActivityRow) => row.entry.id;
}
