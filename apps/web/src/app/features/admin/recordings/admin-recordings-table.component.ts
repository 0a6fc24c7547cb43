import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import type { AdminRecording } from '@hh/contracts';
import { formatClock } from '../../../shared/format/duration';
import { formatBytes } from '../../../shared/recordings/recording-player.component';
import { injectIsPhone } from '../../../shared/ui/breakpoints';

interface RecordingRow {
  recording: AdminRecording;
  user: string;
  email: string;
  duration: string;
  size: string;
  playable: boolean;
  state: string;
}

export const RECORDING_TABLE_COLUMNS = ['createdAt', 'user', 'call', 'duration', 'size', 'expiresAt', 'play'] as const;

const STATE_LABELS: Record<AdminRecording['status'], string> = {
  processing: 'Processing',
  completed: 'Ready',
  failed: 'Failed',
  deleted: 'Deleted',
};

/** Every recording with its owner, as the server pages it (presentational); Play opens the player. */
@Component({
  selector: 'hh-admin-recordings-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatIconModule, MatTableModule],
  template: `
    <div class="table-scroll">
      <table mat-table aria-label="Recordings" [dataSource]="rows()" [trackBy]="trackById">
        <ng-container matColumnDef="createdAt">
          <th mat-header-cell *matHeaderCellDef>Created</th>
          <td mat-cell *matCellDef="let row" class="nowrap">
            {{ row.recording.createdAt | date: 'MMM d, y, h:mm a' }}
          </td>
        </ng-container>
        <ng-container matColumnDef="user">
          <th mat-header-cell *matHeaderCellDef>User</th>
          <td mat-cell *matCellDef="let row">
            {{ row.user }}
            @if (row.email) {
              <span class="muted email">{{ row.email }}</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="call">
          <th mat-header-cell *matHeaderCellDef>Call</th>
          <td mat-cell *matCellDef="let row" class="nowrap">#{{ row.recording.callId }}</td>
        </ng-container>
        <ng-container matColumnDef="duration">
          <th mat-header-cell *matHeaderCellDef>Duration</th>
          <td mat-cell *matCellDef="let row" class="numeric">{{ row.duration }}</td>
        </ng-container>
        <ng-container matColumnDef="size">
          <th mat-header-cell *matHeaderCellDef>Size</th>
          <td mat-cell *matCellDef="let row" class="numeric">{{ row.size }}</td>
        </ng-container>
        <ng-container matColumnDef="expiresAt">
          <th mat-header-cell *matHeaderCellDef>Expires</th>
          <td mat-cell *matCellDef="let row" class="nowrap">{{ row.recording.expiresAt | date: 'mediumDate' }}</td>
        </ng-container>
        <ng-container matColumnDef="play">
          <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Listen</span></th>
          <td mat-cell *matCellDef="let row">
            @if (row.playable) {
              <button
                mat-stroked-button
                type="button"
                [attr.aria-label]="'Listen to recording ' + row.recording.id"
                [attr.aria-pressed]="row.recording.id === selectedId()"
                (click)="listen.emit(row.recording)"
              >
                <mat-icon svgIcon="hh:play" aria-hidden="true" />
                Listen
              </button>
            } @else {
              <span class="muted">{{ row.state }}</span>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()"></tr>
      </table>
    </div>
  `,
  styles: `
    .email {
      display: block;
      font: var(--mat-sys-body-small);
    }
    .numeric {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .nowrap {
      white-space: nowrap;
    }
  `,
})
export class AdminRecordingsTableComponent {
  readonly recordings = input.required<readonly AdminRecording[]>();
  /** The recording the player shows. */
  readonly selectedId = input<number | null>(null);
  readonly listen = output<AdminRecording>();

  private readonly isPhone = injectIsPhone();
  /** On a phone: when, whose, and Listen. */
  protected readonly columns = computed<readonly string[]>(() =>
    this.isPhone() ? ['createdAt', 'user', 'play'] : RECORDING_TABLE_COLUMNS,
  );
  protected readonly rows = computed<RecordingRow[]>(() =>
    this.recordings().map((recording) => ({
      recording,
      user: recording.user?.name ?? `User #${recording.userId}`,
      email: recording.user?.email ?? '',
      duration: recording.status === 'completed' ? formatClock(recording.durationSeconds) : '—',
      size: recording.status === 'completed' ? formatBytes(recording.sizeBytes) : '—',
      playable: recording.status === 'completed',
      state: STATE_LABELS[recording.status],
    })),
  );
  protected readonly trackById = (_index: number, row: RecordingRow) => row.recording.id;
}
