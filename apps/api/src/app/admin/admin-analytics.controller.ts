import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { LIMITS } from '@hh/contracts';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ProblemDto } from '../../common/http/problem.dto';
import { DateRangeQueryDto } from '../calls/dto/call-requests.dto';
import { AdminAnalyticsService, DEFAULT_ANALYTICS_DAYS } from './admin-analytics.service';
import { SystemAnalyticsDto } from './dto/admin-analytics.dto';

const RANGE_RULES =
  '`from`/`to` as in GET /calls/stats (on startTime, UTC; a date alone as `to` includes that whole day); ' +
  `default: the last ${DEFAULT_ANALYTICS_DAYS} UTC days, today included; at most ${LIMITS.analyticsRangeDays} days.`;

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiBadRequestResponse({
  description: `Invalid dates, \`from\` not before \`to\`, or a range over ${LIMITS.analyticsRangeDays} days`,
  type: ProblemDto,
})
@Controller('admin/analytics')
export class AdminAnalyticsController {
  constructor(private readonly analytics: AdminAnalyticsService) {}

  @Get()
  @ApiOperation({
    summary: 'System analytics: users, numbers, requests and call figures',
    description:
      `${RANGE_RULES} totals.calls, successfulCalls, failedCalls, totalDurationSeconds and totalCost, and daily, ` +
      'byStatus and topUsers count the calls that started within the range (calls still in flight included, ' +
      'under their current status); users, numbers and pendingRequests are current counts, whatever the range. ' +
      'Figures are exact: final calls are read from per-day rollups written in the same transaction as the ' +
      'final status, calls in flight from the calls themselves.',
  })
  @ApiOkResponse({ type: SystemAnalyticsDto })
  get(@Query() range: DateRangeQueryDto): Promise<SystemAnalyticsDto> {
    return this.analytics.analytics(range);
  }

  @Get('export')
  @ApiOperation({ summary: 'The daily figures of GET /admin/analytics as CSV', description: RANGE_RULES })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv: date,calls,successful,failed,durationSeconds,cost; one row per day' })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="analytics.csv"')
  export(@Query() range: DateRangeQueryDto): Promise<string> {
    return this.analytics.exportCsv(range);
  }
}
