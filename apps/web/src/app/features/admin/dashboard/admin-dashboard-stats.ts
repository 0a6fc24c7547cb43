import type { Params } from '@angular/router';
import { APP_ROUTES, type SystemAnalytics } from '@hh/contracts';

/** The dashboard reads GET /admin/analytics without a range: the API's default, the last 30 UTC days. */
export const DASHBOARD_DAYS = 30;
/** Activity arrives in bursts (a call writes two entries, an approval three): the figures reload once it settles. */
export const FIGURES_REFRESH_DEBOUNCE_MS = 1_000;
/** How many entries the recent-activity feed shows. */
export const ACTIVITY_FEED_SIZE = 10;

export interface AdminStatCard {
  key: string;
  label: string;
  icon: string;
  value: string;
  detail: string;
  /** The full page behind the card; the link text differs from the sidebar's, so that no two links share a name. */
  link: { path: string; queryParams?: Params; text: string };
}

const numberFormat = new Intl.NumberFormat('en-US');
const count = (value: number | undefined) => (value === undefined ? '—' : numberFormat.format(value));

/** Calls of the last day of the figures: today, in UTC, as the API counts days. */
export function callsToday(analytics: Pick<SystemAnalytics, 'daily'>): number {
  return analytics.daily[analytics.daily.length - 1]?.calls ?? 0;
}

/**
 * The four cards of the dashboard. "Calls" is the 30-day total the chart beside it draws, not an all-time figure
 * (the API's ranges span at most LIMITS.analyticsRangeDays days), and says so. Without figures yet, values are dashes.
 */
export function adminStatCards(analytics: SystemAnalytics | null): AdminStatCard[] {
  const totals = analytics?.totals;
  return [
    {
      key: 'users',
      label: 'Users',
      icon: 'group',
      value: count(totals?.users),
      detail: totals ? `${count(totals.pendingUsers)} pending · ${count(totals.suspendedUsers)} suspended` : '',
      link:
        totals && totals.pendingUsers > 0
          ? { path: APP_ROUTES.adminUsers.path, queryParams: { status: 'pending' }, text: 'Review pending users' }
          : { path: APP_ROUTES.adminUsers.path, text: 'Manage users' },
    },
    {
      key: 'calls',
      label: `Calls · last ${DASHBOARD_DAYS} days`,
      icon: 'phone',
      value: count(totals?.calls),
      detail: analytics ? `${count(callsToday(analytics))} today (UTC)` : '',
      link: { path: APP_ROUTES.adminAnalytics.path, text: 'Open analytics' },
    },
    {
      key: 'numbers',
      label: 'Numbers',
      icon: 'sim-card',
      value: count(totals?.numbers),
      detail: totals ? `${count(totals.assignedNumbers)} assigned · ${count(totals.availableNumbers)} available` : '',
      link: { path: APP_ROUTES.adminNumbers.path, text: 'Open the inventory' },
    },
    {
      key: 'requests',
      label: 'Pending requests',
      icon: 'inbox',
      value: count(totals?.pendingRequests),
      detail: totals ? (totals.pendingRequests > 0 ? 'Awaiting review' : 'The queue is clear') : '',
      link: { path: APP_ROUTES.adminRequests.path, text: 'Review requests' },
    },
  ];
}
