import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AdminActivityLog, AdminCall, AdminUserDetail } from '@hh/contracts';
import { CALL_STATUS_LABELS, callStatusTone } from '../../../shared/format/call-status';
import { formatDuration } from '../../../shared/format/duration';
import { formatCost } from '../../../shared/format/money';
import { formatPhoneNumber } from '../../../shared/format/phone';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { httpErrorMessage } from '../../../shared/http/http-error-message';
import { confirmAction } from '../../../shared/ui/confirm-dialog.component';
import { AdminApiService } from '../admin-api.service';

export interface AdminUserDetailData {
  userId: number;
  name: string;
}

export const RECENT_CALLS_SIZE = 5;
export const RECENT_ACTIVITY_SIZE = 10;

/** One account at a glance: their call totals, numbers, latest calls and latest activity. */
@Component({
  selector: 'hh-admin-user-detail-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, FormErrorBannerComponent, JsonPipe, MatButtonModule, MatDialogModule, MatProgressBarModule],
  template: `
    <h2 mat-dialog-title>{{ data.name }}</h2>
    <mat-dialog-content>
      @if (error(); as error) {
        <hh-form-error-banner [message]="error" />
      }
      @if (detail(); as user) {
        <p class="muted">
          {{ user.email }} · {{ user.role === 'admin' ? 'Admin' : 'Client' }} ·
          <span class="status-pill" [class]="'status-' + user.status">{{ user.status }}</span>
        </p>
        <section aria-labelledby="analytics-heading">
          <h3 id="analytics-heading">Calls</h3>
          <dl class="stats" aria-label="Call totals">
            <div>
              <dt>Calls</dt>
              <dd>{{ user.analytics.totalCalls }}</dd>
            </div>
            <div>
              <dt>Successful</dt>
              <dd>{{ user.analytics.successfulCalls }}</dd>
            </div>
            <div>
              <dt>Failed</dt>
              <dd>{{ user.analytics.failedCalls }}</dd>
            </div>
            <div>
              <dt>Canceled</dt>
              <dd>{{ user.analytics.canceledCalls }}</dd>
            </div>
            <div>
              <dt>Talk minutes</dt>
              <dd>{{ talkMinutes(user.analytics.totalDurationSeconds) }}</dd>
            </div>
            <div>
              <dt>Cost</dt>
              <dd>{{ cost(user.analytics.totalCost) }}</dd>
            </div>
            <div>
              <dt>Last call</dt>
              <dd>
                {{ user.analytics.lastCallDate ? (user.analytics.lastCallDate | date: 'MMM d, y, h:mm a') : 'Never' }}
              </dd>
            </div>
          </dl>
        </section>
        <section aria-labelledby="numbers-heading">
          <h3 id="numbers-heading">Numbers</h3>
          @if (user.numbers.length === 0) {
            <p class="muted">No numbers assigned.</p>
          } @else {
            <ul aria-label="Their numbers">
              @for (number of user.numbers; track number.id) {
                <li>
                  {{ phone(number.phoneNumber) }}
                  @if (number.friendlyName) {
                    — {{ number.friendlyName }}
                  }
                </li>
              }
            </ul>
          }
        </section>
      } @else if (!error()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the user" />
      }

      <section aria-labelledby="recent-calls-heading">
        <h3 id="recent-calls-heading">Recent calls</h3>
        @if (calls(); as calls) {
          @if (calls.length === 0) {
            <p class="muted">No calls yet.</p>
          } @else {
            <ul aria-label="Recent calls">
              @for (call of calls; track call.id) {
                <li>
                  {{ call.startTime | date: 'MMM d, h:mm a' }} · {{ phone(call.toNumber) }} ·
                  <span class="status-pill call-pill" [class]="'tone-' + tone(call)">{{ statusLabel(call) }}</span>
                  · {{ duration(call.durationSeconds) }}
                </li>
              }
            </ul>
          }
        } @else {
          <p class="muted">{{ callsError() ?? 'Loading…' }}</p>
        }
      </section>

      <section aria-labelledby="recent-activity-heading">
        <h3 id="recent-activity-heading">Recent activity</h3>
        @if (activity(); as activity) {
          @if (activity.length === 0) {
            <p class="muted">No activity yet.</p>
          } @else {
            <ul aria-label="Recent activity">
              @for (entry of activity; track entry.id) {
                <li>
                  {{ entry.createdAt | date: 'MMM d, h:mm a' }} · <strong>{{ entry.action }}</strong>
                  @if (entry.details) {
                    <code>{{ entry.details | json }}</code>
                  }
                </li>
              }
            </ul>
          }
        } @else {
          <p class="muted">{{ activityError() ?? 'Loading…' }}</p>
        }
      </section>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (twoFactorMessage(); as message) {
        <span class="two-factor-message" role="status">{{ message }}</span>
      }
      <button mat-button type="button" class="reset-two-factor" (click)="resetTwoFactor()" [disabled]="resetting()">
        Reset two-factor
      </button>
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    h3 {
      margin: 1rem 0 0.5rem;
      font: var(--mat-sys-title-small);
    }
    .stats {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr));
      gap: 0.5rem;
      margin: 0;
    }
    .stats dt {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .stats dd {
      margin: 0;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    ul {
      margin: 0;
      padding-left: 1.25rem;
    }
    li {
      margin: 0.25rem 0;
    }
    .two-factor-message {
      margin-right: auto;
      font: var(--mat-sys-body-small);
    }
    code {
      display: block;
      font-size: 0.75rem;
      word-break: break-all;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AdminUserDetailDialogComponent {
  protected readonly data = inject<AdminUserDetailData>(MAT_DIALOG_DATA);
  private readonly api = inject(AdminApiService);

  protected readonly detail = signal<AdminUserDetail | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly calls = signal<AdminCall[] | null>(null);
  protected readonly callsError = signal<string | null>(null);
  protected readonly activity = signal<AdminActivityLog[] | null>(null);
  protected readonly activityError = signal<string | null>(null);
  protected readonly twoFactorMessage = signal<string | null>(null);
  protected readonly resetting = signal(false);
  private readonly dialog = inject(MatDialog);

  constructor() {
    const id = this.data.userId;
    this.api
      .getUser(id)
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (user) => this.detail.set(user), error: (e: unknown) => this.error.set(httpErrorMessage(e)) });
    this.api
      .recentCalls(id, RECENT_CALLS_SIZE)
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (page) => this.calls.set(page.data),
        error: (e: unknown) => this.callsError.set(httpErrorMessage(e)),
      });
    this.api
      .recentActivity(id, RECENT_ACTIVITY_SIZE)
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (page) => this.activity.set(page.data),
        error: (e: unknown) => this.activityError.set(httpErrorMessage(e)),
      });
  }

  /** For a user who lost their authenticator and their recovery codes: after a confirmation, audited, user mailed. */
  protected resetTwoFactor(): void {
    confirmAction(this.dialog, {
      title: 'Reset two-factor?',
      message:
        `${this.data.name} will sign in with their password alone until they set two-factor up again. ` +
        'They are told by e-mail. Do this only once you are sure who asked.',
      confirmLabel: 'Reset two-factor',
      dismissLabel: 'Keep it',
    }).subscribe((confirmed) => {
      if (!confirmed) return;
      this.resetting.set(true);
      this.api.resetTwoFactor(this.data.userId).subscribe({
        next: () => {
          this.resetting.set(false);
          this.twoFactorMessage.set('Two-factor is off for this user; they were told by e-mail.');
        },
        error: (e: unknown) => {
          this.resetting.set(false);
          this.twoFactorMessage.set(httpErrorMessage(e));
        },
      });
    });
  }

  protected talkMinutes(seconds: number): string {
    return String(Math.round(seconds / 60));
  }

  protected cost(amount: number): string {
    return formatCost(amount);
  }

  protected phone(number: string): string {
    return formatPhoneNumber(number);
  }

  protected duration(seconds: number): string {
    return formatDuration(seconds);
  }

  protected tone(call: AdminCall): string {
    return callStatusTone(call.status);
  }

  protected statusLabel(call: AdminCall): string {
    return CALL_STATUS_LABELS[call.status];
  }
}
