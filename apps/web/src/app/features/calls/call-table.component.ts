import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, input, output, viewChild } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatSort, MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import type { Call, CallSort } from '@hh/contracts';
import { CallLinkComponent } from '../../shared/contacts/call-link.component';
import { ContactNamePipe } from '../../shared/contacts/contact-name.pipe';
import { callStatusLabel, callStatusTone } from '../../shared/format/call-status';
import { formatDuration } from '../../shared/format/duration';
import { formatCost } from '../../shared/format/money';
import { formatPhoneNumber } from '../../shared/format/phone';
import { sortHeaderOf, sortOrderOf, type SortDirection } from './call-history-query';
import { injectIsPhone } from '../../shared/ui/breakpoints';

interface CallRow {
  call: Call;
  /** The other party's number (E.164): a contact's name replaces it where one holds it. */
  party: string;
  /** My number of the call (the caller ID), to call back from. */
  mine: string;
  number: string;
  callerId: string;
  statusLabel: string;
  tone: string;
  duration: string;
  cost: string;
}

export const CALL_TABLE_COLUMNS = ['startTime', 'number', 'direction', 'status', 'durationSeconds', 'cost'] as const;

/**
 * The call history as a Material table with server-side sorting and paging (presentational, signal
 * inputs, OnPush; the page fetches). Clicking a row, or its number, opens the call's details.
 */
@Component({
  selector: 'hh-call-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CallLinkComponent, ContactNamePipe, DatePipe, MatIconModule, MatSortModule, MatTableModule],
  template: `
    <div class="table-scroll">
      <table
        mat-table
        aria-label="Calls"
        [dataSource]="rows()"
        [trackBy]="trackById"
        matSort
        matSortDisableClear
        (matSortChange)="onSort($event)"
      >
        <ng-container matColumnDef="startTime">
          <th mat-header-cell *matHeaderCellDef mat-sort-header sortActionDescription="Sort by start time">
            Start time
          </th>
          <td mat-cell *matCellDef="let row">{{ row.call.startTime | date: 'MMM d, y, h:mm:ss a' }}</td>
        </ng-container>

        <ng-container matColumnDef="number">
          <th mat-header-cell *matHeaderCellDef>Number</th>
          <td mat-cell *matCellDef="let row">
            <span class="number-line">
              <button type="button" class="number" aria-haspopup="dialog" (click)="open($event, row.call)">
                {{ row.party | contactName }}
              </button>
              <hh-call-link [number]="row.party" [from]="row.mine" />
              @if (row.call.recorded) {
                <mat-icon
                  class="recorded"
                  svgIcon="hh:record"
                  role="img"
                  aria-label="Recorded"
                  aria-hidden="false"
                  data-testid="recorded-marker"
                />
              }
            </span>
            <span class="caller-id muted">
              @if ((row.party | contactName) !== row.number) {
                {{ row.number }} ·
              }
              via {{ row.callerId }}</span
            >
          </td>
        </ng-container>

        <ng-container matColumnDef="direction">
          <th mat-header-cell *matHeaderCellDef>Direction</th>
          <td mat-cell *matCellDef="let row">
            <span class="direction">
              <mat-icon
                [svgIcon]="row.call.direction === 'inbound' ? 'hh:call-received' : 'hh:call-made'"
                aria-hidden="true"
              />
              {{ row.call.direction === 'inbound' ? 'Inbound' : 'Outbound' }}
            </span>
          </td>
        </ng-container>

        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>Status</th>
          <td mat-cell *matCellDef="let row">
            <span class="status-pill call-pill" [class]="'tone-' + row.tone">{{ row.statusLabel }}</span>
          </td>
        </ng-container>

        <ng-container matColumnDef="durationSeconds">
          <th mat-header-cell *matHeaderCellDef mat-sort-header start="desc" sortActionDescription="Sort by duration">
            Duration
          </th>
          <td mat-cell *matCellDef="let row" class="numeric">{{ row.duration }}</td>
        </ng-container>

        <ng-container matColumnDef="cost">
          <th mat-header-cell *matHeaderCellDef mat-sort-header start="desc" sortActionDescription="Sort by cost">
            Cost
          </th>
          <td mat-cell *matCellDef="let row" class="numeric">{{ row.cost }}</td>
        </ng-container>

        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()" class="call-row" (click)="opened.emit(row.call)"></tr>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .call-row {
      cursor: pointer;
    }
    .call-row:hover {
      background: rgb(148 163 184 / 0.06);
    }
    .number {
      display: block;
      padding: 0;
      border: 0;
      background: none;
      color: var(--mat-sys-on-surface);
      font: inherit;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
      cursor: pointer;
    }
    .number:hover {
      color: var(--mat-sys-primary);
      text-decoration: underline;
    }
    .number-line {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }
    .recorded {
      width: 1rem;
      height: 1rem;
      color: var(--hh-danger);
    }
    .caller-id {
      display: block;
      font: var(--mat-sys-body-small);
    }
    .direction {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }
    .direction mat-icon {
      width: 1.125rem;
      height: 1.125rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .numeric {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
  `,
})
export class CallTableComponent {
  readonly calls = input.required<readonly Call[]>();
  readonly sort = input.required<CallSort>();

  readonly sortChange = output<CallSort>();
  readonly opened = output<Call>();

  private readonly isPhone = injectIsPhone();
  /** On a phone: when, who and how it ended; a tap opens the rest. */
  protected readonly columns = computed<readonly string[]>(() =>
    this.isPhone() ? ['startTime', 'number', 'status'] : CALL_TABLE_COLUMNS,
  );
  protected readonly sortHeader = computed(() => sortHeaderOf(this.sort()));
  protected readonly rows = computed<CallRow[]>(() =>
    this.calls().map((call) => ({
      call,
      party: call.direction === 'inbound' ? call.fromNumber : call.toNumber,
      mine: call.direction === 'inbound' ? call.toNumber : call.fromNumber,
      number: formatPhoneNumber(call.direction === 'inbound' ? call.fromNumber : call.toNumber),
      callerId: formatPhoneNumber(call.direction === 'inbound' ? call.toNumber : call.fromNumber),
      statusLabel: callStatusLabel(call),
      tone: callStatusTone(call.status),
      duration: call.status === 'completed' || call.durationSeconds > 0 ? formatDuration(call.durationSeconds) : '—',
      cost: formatCost(call.cost),
    })),
  );

  protected readonly trackById = (_index: number, row: CallRow) => row.call.id;

  private readonly matSort = viewChild.required(MatSort);

  constructor() {
    // The sort shown follows the sort applied. Written to MatSort directly rather than through input bindings:
    // a click that asks for an order the API lacks (cost ascending) falls back to the default order, and a binding
    // whose value did not change would leave the header showing the order that was asked for instead.
    effect(() => {
      const { active, direction } = this.sortHeader();
      const sort = this.matSort();
      if (sort.active !== active || sort.direction !== direction) {
        sort.active = active;
        sort.direction = direction;
        sort._stateChanges.next();
      }
    });
  }

  protected onSort(sort: Sort): void {
    this.sortChange.emit(sortOrderOf(sort.active, sort.direction as SortDirection));
  }

  protected open(event: Event, call: Call): void {
    event.stopPropagation();
    this.opened.emit(call);
  }
}
