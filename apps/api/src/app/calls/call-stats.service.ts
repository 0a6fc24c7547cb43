import { Injectable } from '@nestjs/common';
import { CALL_STATUSES, CallStats, CallStatus, FAILED_CALL_STATUSES } from '@hh/contracts';
import { roundMoney, roundRatio } from '../../common/money';
import { dateBounds } from '../../common/time/date-bounds';
import { CallRepository } from './call.repository';
import { CallStatsQueryDto } from './dto/call-requests.dto';

/** GET /calls/stats: one user's call figures over a date range (on start time, UTC), of one direction or both. */
@Injectable()
export class CallStatsService {
  constructor(private readonly calls: CallRepository) {}

  async stats(userId: number, range: CallStatsQueryDto): Promise<CallStats> {
    const { from, to } = dateBounds(range);
    const filter = { userId, from, to, direction: range.direction };
    const [byStatusRows, dailyRows] = [await this.calls.figuresByStatus(filter), await this.calls.figuresByDay(filter)];
    const byStatus = Object.fromEntries(CALL_STATUSES.map((s) => [s, 0])) as Record<CallStatus, number>;
    let totalCalls = 0;
    let totalDurationSeconds = 0;
    let totalCost = 0;
    for (const row of byStatusRows) {
      byStatus[row.status] = row.calls;
      totalCalls += row.calls;
      totalDurationSeconds += row.durationSeconds;
      totalCost += row.cost;
    }
    const successfulCalls = byStatus.completed;
    const failedCalls = FAILED_CALL_STATUSES.reduce((sum, s) => sum + byStatus[s], 0);
    return {
      totalCalls,
      successfulCalls,
      failedCalls,
      canceledCalls: byStatus.canceled,
      totalDurationSeconds,
      averageDurationSeconds: successfulCalls ? Math.round((totalDurationSeconds / successfulCalls) * 10) / 10 : 0,
      totalCost: roundMoney(totalCost),
      successRate: successfulCalls + failedCalls ? roundRatio(successfulCalls / (successfulCalls + failedCalls)) : 0,
      byStatus,
      daily: dailyRows.map((row) => ({
        date: row.day,
        calls: row.calls,
        successful: row.successful,
        failed: row.failed,
        durationSeconds: row.durationSeconds,
        cost: roundMoney(row.cost),
      })),
    };
  }
}
