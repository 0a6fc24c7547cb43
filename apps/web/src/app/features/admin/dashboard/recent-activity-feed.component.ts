import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { AdminActivityLog } from '@hh/contracts';
import { FormErrorBannerComponent } from '../../../shared/forms/form-error-banner.component';
import { type ActivitySummary, describeActivity } from './activity-summary';

interface FeedItem {
  entry: AdminActivityLog;
  summary: ActivitySummary;
}

/** The latest activity entries, newest first, one line each (presentational; the page keeps it live). */
@Component({
  selector: 'hh-recent-activity-feed',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, FormErrorBannerComponent, MatButtonModule],
  template: `
    @if (error(); as message) {
      <div class="problem">
        <hh-form-error-banner [message]="message" />
        <button mat-button type="button" (click)="retry.emit()">Try again</button>
      </div>
    }
    @if (items().length > 0) {
      <ol class="feed" aria-label="Recent activity" [attr.aria-busy]="loading()">
        @for (item of items(); track item.entry.id) {
          <li class="item" [attr.data-activity-id]="item.entry.id">
            <span class="what">
              <span class="title">{{ item.summary.title }}</span>
              @if (item.summary.subject) {
                <span class="subject">: {{ item.summary.subject }}</span>
              }
            </span>
            <time class="when muted" [attr.datetime]="item.entry.createdAt">{{
              item.entry.createdAt | date: 'MMM d, h:mm a'
            }}</time>
          </li>
        }
      </ol>
    } @else if (loading()) {
      <p class="muted">Loading…</p>
    } @else if (!error()) {
      <p class="muted">No activity yet.</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .feed {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0.125rem 1rem;
      padding: 0.625rem 0;
      border-bottom: 1px solid var(--hh-glass-border);
    }
    .item:last-child {
      border-bottom: 0;
    }
    .what {
      flex: 1 1 14rem;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .title {
      font-weight: 600;
    }
    .when {
      font: var(--mat-sys-body-small);
      white-space: nowrap;
    }
    .problem {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
    }
    .problem hh-form-error-banner {
      flex: 1;
    }
  `,
})
export class RecentActivityFeedComponent {
  /** Each entry names the users it is about, so the feed needs no look-ups. */
  readonly entries = input.required<readonly AdminActivityLog[]>();
  readonly loading = input(false);
  readonly error = input<string | null>(null);

  readonly retry = output<void>();

  protected readonly items = computed<FeedItem[]>(() =>
    this.entries().map((entry) => ({ entry, summary: describeActivity(entry) })),
  );
}
