import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Paginated } from '@hh/contracts';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { ProblemDto } from '../../common/http/problem.dto';
import { ActivityLogDto } from '../activity/dto/activity-log.dto';
import { AdminActivityService } from './admin-activity.service';
import { ListActivityQueryDto } from './dto/admin-activity.dto';

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiExtraModels(ActivityLogDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('admin/activity')
export class AdminActivityController {
  constructor(private readonly activity: AdminActivityService) {}

  @Get()
  @ApiOperation({
    summary: 'The audit trail, newest first',
    description: 'userId is who acted; an admin action on a user or number names it in entityType and entityId.',
  })
  @ApiPaginatedResponse(ActivityLogDto)
  list(@Query() query: ListActivityQueryDto): Promise<Paginated<ActivityLogDto>> {
    return this.activity.list(query);
  }
}
