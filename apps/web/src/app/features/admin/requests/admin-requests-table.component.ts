import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { AdminNumberRequest } from '@hh/contracts';
import { REQUEST_STATUS_LABELS, REQUEST_STATUS_TONES } from '../../../shared/format/request-status';
import { injectIsPhone } from '../../../shared/ui/breakpoints';
import { RowActionsComponent, type RowAction } from '../../../shared/ui/row-actions.component';
import { requestSummary } from './request-labels';

export type RequestDecision = 'approve' | 'deny' | 'fulfil';

export interface RequestDecisionEvent {
  request: AdminNumberRequest;
  decision: RequestDecision;
}

export const REQUEST_TABLE_COLUMNS = ['requester', 'details', 'status', 'createdAt', 'actions'] as const;
/** On a phone: who asked, where it stands and what to do (the details are in the decision dialog). */
const PHONE_COLUMNS = ['requester', 'status', 'actions'] as const;

const DECISIONS: { decision: RequestDecision; label: string; icon: RowAction['icon']; when: string[] }[] = [
  { decision: 'approve', label: 'Approve', icon: 'check-circle', when: ['pending'] },
  { decision: 'fulfil', label: 'Fulfil', icon: 'sim-card', when: ['approved'] },
  { decision: 'deny', label: 'Deny', icon: 'block', when: ['pending', 'approved'] },
];

/** The number request queue as the server orders it, pending first (presentational). */
@Component({
  selector: 'hh-admin-requests-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatTableModule, MatTooltipModule, RowActionsComponent],
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
            @if (more(request); as more) {
              <!-- Two lines at most: the rest of what the client wrote is in the tooltip and the decision dialog. -->
              <span class="block muted ellipsis" [matTooltip]="more">{{ more }}</span>
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
            <hh-row-actions [actions]="actionsOf(request)" (acted)="decide(request, $event)" />
          </td>
        </ng-container>

        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let request; columns: columns()" [attr.data-request-id]="request.id"></tr>
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
    .ellipsis {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
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

  private readonly isPhone = injectIsPhone();
  protected readonly columns = computed<readonly string[]>(() =>
    this.isPhone() ? PHONE_COLUMNS : REQUEST_TABLE_COLUMNS,
  );
  protected readonly summary = requestSummary;

  protected readonly trackById = (_index: number, request: AdminNumberRequest) => request.id;

  /** The second line: the business, its site, the client's reason and the admin's notes, as far as they fit. */
  protected more(request: AdminNumberRequest): string {
    return [
      request.businessName,
      request.businessWebsite,
      request.reason ? `“${request.reason}”` : null,
      request.adminNotes ? `Notes: ${request.adminNotes}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
  }

  protected actionsOf(request: AdminNumberRequest): RowAction<RequestDecision>[] {
    return DECISIONS.filter((d) => d.when.includes(request.status)).map((d) => ({
      kind: d.decision,
      label: d.label,
      ariaLabel: `${d.label} request ${request.id} from ${request.user.name}`,
      icon: d.icon,
      tone: d.decision === 'deny' ? 'danger' : 'default',
    }));
  }

  protected decide(request: AdminNumberRequest, decision: string): void {
    this.decided.emit({ request, decision: decision as RequestDecision });
  }

  protected label(request: AdminNumberRequest): string {
    return REQUEST_STATUS_LABELS[request.status];
  }

  protected tone(request: AdminNumberRequest): string {
    return REQUEST_STATUS_TONES[request.status];
  }
}
