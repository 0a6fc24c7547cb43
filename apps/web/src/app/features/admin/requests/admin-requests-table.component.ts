import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import type { AdminNumberRequest } from '@hh/contracts';
import { REQUEST_STATUS_LABELS, REQUEST_STATUS_TONES } from '../../../shared/format/request-status';
import { requestSummary } from './request-labels';

export type RequestDecision = 'approve' | 'deny' | 'fulfil';

export interface RequestDecisionEvent {
  request: AdminNumberRequest;
  decision: RequestDecision;
}

export const REQUEST_TABLE_COLUMNS = ['requester', 'details', 'status', 'createdAt', 'actions'] as const;

/** The number request queue as the server orders it, pending first (presentational). */
@Component({
  selector: 'hh-admin-requests-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatTableModule],
  template: `
    <div class="table-scroll">
      <table mat-table aria-label="Number requests" [dataSource]="requests()" [trackBy]="trackById">
        <ng-container matColumnDef="requester">
          <th mat-header-cell *matHeaderCellDef>Requester</th>
          <td mat-cell *matCellDef="let request">
            <strong>{{ request.user.name }}</strong>
            <span class="muted block">{{ request.user.email }}</span>
          </td>
        </ng-container>

        <ng-container matColumnDef="details">
          <th mat-header-cell *matHeaderCellDef>Details</th>
          <td mat-cell *matCellDef="let request" class="details">
            <span class="block">{{ summary(request) }}</span>
            @if (request.businessName) {
              <span class="block muted">{{ request.businessName }}</span>
            }
            @if (request.businessWebsite) {
              <span class="block muted">{{ request.businessWebsite }}</span>
            }
            @if (request.reason) {
              <span class="block muted">“{{ request.reason }}”</span>
            }
            @if (request.adminNotes) {
              <span class="block notes">Notes: {{ request.adminNotes }}</span>
            }
          </td>
        </ng-container>

        <ng-container matColumnDef="status">
          <th mat-header-cell *matHeaderCellDef>Status</th>
          <td mat-cell *matCellDef="let request">
            <span class="status-pill" [class]="'tone-' + tone(request)">{{ label(request) }}</span>
          </td>
        </ng-container>

        <ng-container matColumnDef="createdAt">
          <th mat-header-cell *matHeaderCellDef>Created</th>
          <td mat-cell *matCellDef="let request" class="nowrap">{{ request.createdAt | date: 'MMM d, y, h:mm a' }}</td>
        </ng-container>

        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef>Actions</th>
          <td mat-cell *matCellDef="let request">
            <div class="actions">
              @if (request.status === 'pending') {
                <button
                  mat-flat-button
                  type="button"
                  aria-haspopup="dialog"
                  [attr.aria-label]="'Approve request ' + request.id + ' from ' + request.user.name"
                  (click)="decided.emit({ request, decision: 'approve' })"
                >
                  Approve
                </button>
              }
              @if (request.status === 'approved') {
                <button
                  mat-flat-button
                  type="button"
                  aria-haspopup="dialog"
                  [attr.aria-label]="'Fulfil request ' + request.id + ' from ' + request.user.name"
                  (click)="decided.emit({ request, decision: 'fulfil' })"
                >
                  Fulfil
                </button>
              }
              @if (request.status === 'pending' || request.status === 'approved') {
                <button
                  mat-stroked-button
                  type="button"
                  aria-haspopup="dialog"
                  [attr.aria-label]="'Deny request ' + request.id + ' from ' + request.user.name"
                  (click)="decided.emit({ request, decision: 'deny' })"
                >
                  Deny
                </button>
              }
            </div>
          </td>
        </ng-container>

        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let request; columns: columns" [attr.data-request-id]="request.id"></tr>
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
    .details {
      max-width: 28rem;
    }
    .notes {
      font: var(--mat-sys-body-small);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
    }
    .nowrap {
      white-space: nowrap;
    }
    .tone-info {
      color: #93c5fd;
      background: rgb(59 130 246 / 0.14);
      border-color: rgb(59 130 246 / 0.35);
    }
  `,
})
export class AdminRequestsTableComponent {
  readonly requests = input.required<readonly AdminNumberRequest[]>();

  readonly decided = output<RequestDecisionEvent>();

  protected readonly columns = REQUEST_TABLE_COLUMNS;
  protected readonly summary = requestSummary;

  protected readonly trackById = (_index: number, request: AdminNumberRequest) => request.id;

  protected label(request: AdminNumberRequest): string {
    return REQUEST_STATUS_LABELS[request.status];
  }

  protected tone(request: AdminNumberRequest): string {
    return REQUEST_STATUS_TONES[request.status];
  }
}
