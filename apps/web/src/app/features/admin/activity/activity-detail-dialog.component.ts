import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { AdminActivityLog } from '@hh/contracts';

/** One audit entry in full: the table shows two lines of its details, this the whole JSON and user agent. */
@Component({
  selector: 'hh-activity-detail-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, JsonPipe, MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>Activity entry #{{ entry.id }}</h2>
    <mat-dialog-content>
      <dl class="facts">
        <dt>Time</dt>
        <dd>{{ entry.createdAt | date: 'MMM d, y, h:mm:ss a' }}</dd>
        <dt>User</dt>
        <dd>
          {{
            entry.user
              ? entry.user.name + ' (' + entry.user.email + ')'
              : entry.userId === null
                ? 'System'
                : 'User #' + entry.userId
          }}
        </dd>
        <dt>Action</dt>
        <dd>
          <code>{{ entry.action }}</code>
        </dd>
        <dt>Entity</dt>
        <dd>
          {{ entry.entityType ? entry.entityType + (entry.entityId !== null ? ' #' + entry.entityId : '') : '—' }}
        </dd>
        <dt>IP</dt>
        <dd>{{ entry.ipAddress ?? '—' }}</dd>
        <dt>User agent</dt>
        <dd class="wrap">{{ entry.userAgent ?? '—' }}</dd>
      </dl>
      <h3 class="label">Details</h3>
      <pre tabindex="0" aria-label="Details as JSON">{{ entry.details | json }}</pre>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close type="button">Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
      margin: 0 0 1rem;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
    .wrap {
      overflow-wrap: anywhere;
    }
    .label {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-small);
    }
    pre {
      overflow: auto;
      max-height: 40vh;
      margin: 0;
      padding: 0.75rem;
      border-radius: 8px;
      background: rgb(0 0 0 / 0.25);
      font-size: 0.8125rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
})
export class ActivityDetailDialogComponent {
  protected readonly entry = inject<AdminActivityLog>(MAT_DIALOG_DATA);
}
