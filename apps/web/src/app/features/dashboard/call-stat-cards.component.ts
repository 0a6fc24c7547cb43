import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { formatDuration } from '../../shared/format/duration';
import { formatCost, formatPercent } from '../../shared/format/money';
import type { CallStats } from '@hh/contracts';

interface StatCard {
  key: string;
  label: string;
  icon: string;
  value: string;
  detail: string;
}

const numberFormat = new Intl.NumberFormat('en-US');

/** Talk time in whole minutes, rounded to the nearest (30 s counts as 1). */
export function talkMinutes(totalSeconds: number): number {
  return Math.round(totalSeconds / 60);
}

/** The four figures of my calls over a period. Each card is a group named by its label. */
@Component({
  selector: 'hh-call-stat-cards',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <div class="stat-grid" [attr.aria-busy]="loading()">
      @for (card of cards(); track card.key) {
        <div class="glass-card stat-card" role="group" [attr.aria-labelledby]="'stat-' + card.key">
          <span class="stat-icon" aria-hidden="true"><mat-icon [svgIcon]="'hh:' + card.icon" /></span>
          <span class="stat-label" [id]="'stat-' + card.key">{{ card.label }}</span>
          @if (stats()) {
            <span class="stat-value">{{ card.value }}</span>
            <span class="stat-detail muted">{{ card.detail }}</span>
          } @else {
            <span class="stat-value" aria-hidden="true">—</span>
            <span class="visually-hidden">{{ loading() ? 'Loading' : 'Not available' }}</span>
          }
        </div>
      }
    </div>
  `,
  styles: `
    .stat-grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
      gap: 1rem;
    }
    .stat-card {
      display: grid;
      grid-template-columns: auto 1fr;
      grid-template-areas:
        'icon label'
        'icon value'
        'icon detail';
      column-gap: 1rem;
      align-items: center;
      padding: 1.125rem 1.25rem;
    }
    .stat-icon {
      grid-area: icon;
      display: grid;
      place-items: center;
      width: 2.75rem;
      height: 2.75rem;
      border-radius: 0.75rem;
      color: var(--mat-sys-primary);
      background: color-mix(in srgb, var(--mat-sys-primary) 14%, transparent);
    }
    .stat-label {
      grid-area: label;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .stat-value {
      grid-area: value;
      font: var(--mat-sys-headline-small);
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .stat-detail {
      grid-area: detail;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class CallStatCardsComponent {
  readonly stats = input<CallStats | null>(null);
  readonly loading = input(false);

  protected readonly cards = computed<StatCard[]>(() => {
    const stats = this.stats();
    const decided = (stats?.successfulCalls ?? 0) + (stats?.failedCalls ?? 0);
    return [
      {
        key: 'calls',
        label: 'Calls',
        icon: 'phone',
        value: numberFormat.format(stats?.totalCalls ?? 0),
        detail: `${numberFormat.format(stats?.successfulCalls ?? 0)} completed · ${numberFormat.format(stats?.failedCalls ?? 0)} failed`,
      },
      {
        key: 'success-rate',
        label: 'Success rate',
        icon: 'check-circle',
        value: formatPercent(stats?.successRate ?? 0),
        detail: decided
          ? `${numberFormat.format(stats?.successfulCalls ?? 0)} of ${numberFormat.format(decided)} answered`
          : 'No calls yet',
      },
      {
        key: 'talk-minutes',
        label: 'Talk minutes',
        icon: 'history',
        value: numberFormat.format(talkMinutes(stats?.totalDurationSeconds ?? 0)),
        detail: `${formatDuration(stats?.averageDurationSeconds ?? 0)} average`,
      },
      {
        key: 'cost',
        label: 'Cost',
        icon: 'bar-chart',
        value: formatCost(stats?.totalCost ?? 0, 2),
        detail: 'Charged per started minute',
      },
    ];
  });
}
