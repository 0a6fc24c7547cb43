import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { AdminPhoneNumber, UserRef } from '@hh/contracts';
import { formatCost } from '../../../shared/format/money';
import { formatPhoneNumber } from '../../../shared/format/phone';
import { NUMBER_STATUS_LABELS, NUMBER_TYPE_LABELS, numberStatusTone } from '../../../shared/format/phone-number-labels';
import { injectIsPhone } from '../../../shared/ui/breakpoints';
import { RowActionsComponent, type RowAction } from '../../../shared/ui/row-actions.component';

export type NumberActionKind = 'assign' | 'release' | 'edit' | 'delete' | 'suspend' | 'unsuspend';

export interface NumberActionEvent {
  number: AdminPhoneNumber;
  kind: NumberActionKind;
}

interface NumberRow {
  number: AdminPhoneNumber;
  formatted: string;
  type: string;
  statusLabel: string;
  tone: string;
  /** Name and email; a bare "User #id" for an owner the API could not name (deleted meanwhile). */
  owner: Pick<UserRef, 'name' | 'email'> | null;
  cost: string;
  actions: RowAction<NumberActionKind>[];
}

export const NUMBER_TABLE_COLUMNS = [
  'phoneNumber',
  'friendlyName',
  'numberType',
  'status',
  'owner',
  'monthlyCost',
  'assignedDate',
  'actions',
] as const;

/** On a phone: the number, who holds it and what can be done (the rest is one tap away, in Edit). */
const PHONE_COLUMNS = ['phoneNumber', 'owner', 'actions'] as const;

const ACTION_ICONS: Record<NumberActionKind, RowAction['icon']> = {
  assign: 'person-add',
  release: 'person-remove',
  edit: 'edit',
  delete: 'delete',
  suspend: 'block',
  unsuspend: 'check-circle',
};

const ACTION_LABELS: Record<NumberActionKind, string> = {
  assign: 'Assign',
  release: 'Release',
  edit: 'Edit',
  delete: 'Delete',
  suspend: 'Suspend',
  unsuspend: 'Unsuspend',
};

/** What can be done to a number in its state: assign or release, suspend one nobody holds, edit, delete. */
export function numberActionsFor(number: Pick<AdminPhoneNumber, 'ownerId' | 'status'>): NumberActionKind[] {
  const kinds: NumberActionKind[] = [number.ownerId === null ? 'assign' : 'release', 'edit'];
  if (number.status === 'available') kinds.push('suspend');
  if (number.status === 'suspended') kinds.push('unsuspend');
  kinds.push('delete');
  return kinds;
}

/** The number inventory as the server pages it (presentational; the page acts). */
@Component({
  selector: 'hh-admin-numbers-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatTableModule, RowActionsComponent],
  template: `
    <div class="table-scroll">
      <table mat-table aria-label="Phone numbers" [dataSource]="rows()" [trackBy]="trackById">
        <ng-container matColumnDef="phoneNumber">
          <th mat-header-cell *matHeaderCellDef>Number</th>
          <td mat-cell *matCellDef="let row" class="nowrap strong">{{ row.formatted }}</td>
        </ng-container>
        <ng-container matColumnDef="friendlyName">
          <th mat-header-cell *matHeaderCellDef>Friendly name</th>
          <td mat-cell *matCellDef="let row">{{ row.number.friendlyName ?? '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="numberType">
          <th mat-header-cell *matHeaderCellDef>Type</th>
          <td mat-cell *matCellDef="let row">{{ row.type }}</td>
        </ng-container>
        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>Status</th>
          <td mat-cell *matCellDef="let row">
            <span class="status-pill" [class]="'tone-' + row.tone">{{ row.statusLabel }}</span>
          </td>
        </ng-container>
        <ng-container matColumnDef="owner">
          <th mat-header-cell *matHeaderCellDef>Owner</th>
          <td mat-cell *matCellDef="let row">
            @if (row.owner) {
              <span class="block">{{ row.owner.name }}</span>
              <span class="block muted small">{{ row.owner.email }}</span>
            } @else {
              —
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="monthlyCost">
          <th mat-header-cell *matHeaderCellDef class="numeric">Monthly cost</th>
          <td mat-cell *matCellDef="let row" class="numeric">{{ row.cost }}</td>
        </ng-container>
        <ng-container matColumnDef="assignedDate">
          <th mat-header-cell *matHeaderCellDef>Assigned</th>
          <td mat-cell *matCellDef="let row" class="nowrap">
            {{ row.number.assignedDate ? (row.number.assignedDate | date: 'MMM d, y') : '—' }}
          </td>
        </ng-container>
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef>Actions</th>
          <td mat-cell *matCellDef="let row">
            <hh-row-actions [actions]="row.actions" (acted)="acted.emit({ number: row.number, kind: $any($event) })" />
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()" [attr.data-number-id]="row.number.id"></tr>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .block {
      display: block;
    }
    .small {
      font: var(--mat-sys-body-small);
    }
    .strong {
      font-weight: 600;
      font-variant-numeric: tabular-nums;
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
export class AdminNumbersTableComponent {
  /** Each number names its owner (`owner`), so the table needs no look-ups. */
  readonly numbers = input.required<readonly AdminPhoneNumber[]>();

  readonly acted = output<NumberActionEvent>();

  private readonly isPhone = injectIsPhone();
  protected readonly columns = computed<readonly string[]>(() =>
    this.isPhone() ? PHONE_COLUMNS : NUMBER_TABLE_COLUMNS,
  );
  protected readonly rows = computed<NumberRow[]>(() =>
    this.numbers().map((number) => {
      const formatted = formatPhoneNumber(number.phoneNumber);
      return {
        number,
        formatted,
        type: NUMBER_TYPE_LABELS[number.numberType],
        statusLabel: NUMBER_STATUS_LABELS[number.status],
        tone: numberStatusTone(number.status),
        owner: number.ownerId === null ? null : (number.owner ?? { name: `User #${number.ownerId}`, email: '' }),
        cost: formatCost(Number(number.monthlyCost), 2),
        actions: numberActionsFor(number).map((kind) => ({
          kind,
          label: ACTION_LABELS[kind],
          ariaLabel: `${ACTION_LABELS[kind]} ${formatted}`,
          icon: ACTION_ICONS[kind],
          tone: kind === 'delete' ? 'danger' : 'default',
        })),
      };
    }),
  );

  protected readonly trackById = (_index: number, row: NumberRow) => row.number.id;
}
