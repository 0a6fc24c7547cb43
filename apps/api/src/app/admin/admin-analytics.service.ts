import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { CALL_STATUSES, CallStatus, DailyCallFigures, FAILED_CALL_STATUSES, LIMITS } from '@hh/contracts';
import { Clock } from '../../common/clock';
import { badRequest } from '../../common/errors/problem.exception';
import { DateRangeQueryDto } from '../calls/dto/call-requests.dto';
import { roundMoney } from '../../common/money';
import { dateBounds } from '../../common/time/date-bounds';
import { RollupsService } from '../analytics/rollups.service';
import { NumberRequestsService } from '../number-requests/number-requests.service';
import { NumbersService } from '../numbers/numbers.service';
import { UsersService } from '../users/users.service';
import { SystemAnalyticsDto } from './dto/admin-analytics.dto';

const DAY_MS = 86_400_000;
export const DEFAULT_ANALYTICS_DAYS = 30;

/** System analytics for admins (GET /admin/analytics): current counts plus call figures within a range. */
@Injectable()
export class AdminAnalyticsService {
  constructor(
    private readonly clock: Clock,
    private readonly rollups: RollupsService,
    private readonly users: UsersService,
    private readonly numbers: NumbersService,
    private readonly requests: NumberRequestsService,
  ) {}

  /** `from` inclusive, `to` exclusive; the default is the last 30 UTC days, today included. */
  range(query: DateRangeQueryDto): { from: Date; to: Date } {
    const bounds = dateBounds(query);
    const endOfToday = new Date((Math.floor(this.clock.now().getTime() / DAY_MS) + 1) * DAY_MS);
    const to =
      bounds.to ?? (bounds.from && bounds.from >= endOfToday ? new Date(bounds.from.getTime() + DAY_MS) : endOfToday);
    const from =
      bounds.from ?? new Date((Math.floor((to.getTime() - 1) / DAY_MS) - (DEFAULT_ANALYTICS_DAYS - 1)) * DAY_MS);
    if ((to.getTime() - from.getTime()) / DAY_MS > LIMITS.analyticsRangeDays) {
      throw badRequest(`The range may span at most ${LIMITS.analyticsRangeDays} days`);
    }
    return { from, to };
  }

  async analytics(query: DateRangeQueryDto): Promise<SystemAnalyticsDto> {
    const { from, to } = this.range(query);
    const [current, daily, topUsers] = await Promise.all([
      this.currentCounts(),
      this.rollups.figuresByDay({ from, to }),
      this.rollups.topUsers({ from, to }),
    ]);
    const byStatus = Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])) as Record<CallStatus, number>;
    const days = new Map<string, DailyCallFigures>();
    for (let day = Math.floor(from.getTime() / DAY_MS); day * DAY_MS < to.getTime(); day++) {
      const date = ymd(new Date(day * DAY_MS));
      days.set(date, { date, calls: 0, successful: 0, failed: 0, durationSeconds: 0, cost: 0 });
    }
    let duration = 0;
    let cost = 0;
    for (const row of daily) {
      const status = row.status as CallStatus;
      const calls = Number(row.calls);
      byStatus[status] += calls;
      duration += Number(row.duration ?? 0);
      cost += Number(row.cost ?? 0);
      const figures = days.get(row.day as string);
      if (!figures) continue;
      figures.calls += calls;
      if (status === 'completed') figures.successful += calls;
      if (FAILED_CALL_STATUSES.includes(status)) figures.failed += calls;
      figures.durationSeconds += Number(row.duration ?? 0);
      figures.cost = roundMoney(figures.cost + Number(row.cost ?? 0));
    }
    return {
      totals: {
        ...current,
        calls: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
        successfulCalls: byStatus.completed,
        failedCalls: FAILED_CALL_STATUSES.reduce((sum, s) => sum + byStatus[s], 0),
        totalDurationSeconds: duration,
        totalCost: roundMoney(cost),
      },
      daily: [...days.values()],
      byStatus,
      topUsers,
    };
  }

  /** The daily figures of GET /admin/analytics as CSV, one row per day of the range. */
  async exportCsv(query: DateRangeQueryDto): Promise<string> {
    const { daily } = await this.analytics(query);
    return stringify(
      daily.map((d) => [d.date, d.calls, d.successful, d.failed, d.durationSeconds, d.cost.toFixed(4)]),
      { header: true, columns: ['date', 'calls', 'successful', 'failed', 'durationSeconds', 'cost'] },
    );
  }

  /** Today's users, numbers and pending requests, each counted by the feature that owns the table. */
  private async currentCounts() {
    const [users, numbers, pendingRequests] = await Promise.all([
      this.users.countByStatus(),
      this.numbers.countByStatus(),
      this.requests.pendingCount(),
    ]);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);
    return {
      users: sum(users),
      activeUsers: users.active,
      pendingUsers: users.pending,
      suspendedUsers: users.suspended,
      numbers: sum(numbers),
      assignedNumbers: numbers.assigned,
      availableNumbers: numbers.available,
      pendingRequests,
    };
  }
}

function ymd(date: Date): string {
  return date.toISOString().slice(0, 10);
}
