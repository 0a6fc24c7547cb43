import { ApiProperty } from '@nestjs/swagger';
import type { CallStatus, SystemAnalytics, TopUser } from '@hh/contracts';
import { DailyCallFiguresDto } from '../../calls/dto/call-stats.dto';

/** SystemAnalytics['totals'] (a class implements a named type only). */
type AnalyticsTotals = SystemAnalytics['totals'];

export class AnalyticsTotalsDto implements AnalyticsTotals {
  @ApiProperty({ example: 1043, description: 'Every user now (admins included)' }) users!: number;
  @ApiProperty({ example: 980 }) activeUsers!: number;
  @ApiProperty({ example: 41 }) pendingUsers!: number;
  @ApiProperty({ example: 22 }) suspendedUsers!: number;
  @ApiProperty({ example: 120450, description: 'Calls that started within the range, in any status' })
  calls!: number;
  @ApiProperty({ example: 96300, description: 'completed, within the range' }) successfulCalls!: number;
  @ApiProperty({ example: 22100, description: 'failed + busy + no_answer, within the range' }) failedCalls!: number;
  @ApiProperty({ example: 10111500 }) totalDurationSeconds!: number;
  @ApiProperty({ example: 3594.12 }) totalCost!: number;
  @ApiProperty({ example: 1500, description: 'Phone numbers in the inventory now' }) numbers!: number;
  @ApiProperty({ example: 1210 }) assignedNumbers!: number;
  @ApiProperty({ example: 270 }) availableNumbers!: number;
  @ApiProperty({ example: 12, description: 'Number requests waiting for an admin now' }) pendingRequests!: number;
}

export class TopUserDto implements TopUser {
  @ApiProperty({ example: 42 }) userId!: number;
  @ApiProperty({ example: 'Ada Lovelace' }) name!: string;
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty({ example: 812 }) calls!: number;
  @ApiProperty({ example: 70210 }) durationSeconds!: number;
  @ApiProperty({ example: 24.88 }) cost!: number;
}

export class SystemAnalyticsDto implements SystemAnalytics {
  @ApiProperty({ type: AnalyticsTotalsDto }) totals!: AnalyticsTotalsDto;

  @ApiProperty({ type: [DailyCallFiguresDto], description: 'Every UTC day of the range, in order, zeros included' })
  daily!: DailyCallFiguresDto[];

  @ApiProperty({
    example: {
      initiated: 0,
      ringing: 1,
      in_progress: 3,
      completed: 96300,
      failed: 11000,
      busy: 0,
      no_answer: 11100,
      canceled: 2046,
    },
  })
  byStatus!: Record<CallStatus, number>;

  @ApiProperty({
    type: [TopUserDto],
    description: 'At most 10 users with the most calls in the range (ties: lower id first)',
  })
  topUsers!: TopUserDto[];
}
