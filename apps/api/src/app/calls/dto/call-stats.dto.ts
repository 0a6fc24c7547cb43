import { ApiProperty } from '@nestjs/swagger';
import type { CallStats, CallStatus, DailyCallFigures } from '@hh/contracts';

export class DailyCallFiguresDto implements DailyCallFigures {
  @ApiProperty({ example: '2026-11-24' })
  date!: string;

  @ApiProperty({ example: 12 })
  calls!: number;

  @ApiProperty({ example: 9 })
  successful!: number;

  @ApiProperty({ example: 2 })
  failed!: number;

  @ApiProperty({ example: 1260 })
  durationSeconds!: number;

  @ApiProperty({ example: 0.44 })
  cost!: number;
}

export class CallStatsDto implements CallStats {
  @ApiProperty({ example: 120 }) totalCalls!: number;
  @ApiProperty({ example: 90 }) successfulCalls!: number;
  @ApiProperty({ example: 24 }) failedCalls!: number;
  @ApiProperty({ example: 6 }) canceledCalls!: number;
  @ApiProperty({ example: 9450 }) totalDurationSeconds!: number;
  @ApiProperty({ example: 105 }) averageDurationSeconds!: number;
  @ApiProperty({ example: 3.34 }) totalCost!: number;
  @ApiProperty({ example: 0.7895 }) successRate!: number;

  @ApiProperty({
    example: {
      initiated: 0,
      ringing: 0,
      in_progress: 1,
      completed: 90,
      failed: 12,
      busy: 2,
      no_answer: 10,
      canceled: 6,
    },
  })
  byStatus!: Record<CallStatus, number>;

  @ApiProperty({ type: [DailyCallFiguresDto] })
  daily!: DailyCallFiguresDto[];
}
