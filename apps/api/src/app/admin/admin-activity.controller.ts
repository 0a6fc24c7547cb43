import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Paginated } from '@hh/contracts';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { ProblemDto } from '../../common/http/problem.dto';
import { AdminActivityLogDto } from '../activity/dto/activity-log.dto';
import { AdminActivityService } from './admin-activity.service';
import { ListActivityQueryDto } from './dto/admin-activity.dto';

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiExtraModels(AdminActivityLogDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('admin/activity')
export class AdminActivityController {
  constructor(private readonly activity: AdminActivityService) {}

  @Get()
  @ApiOperation({
    summary: 'The audit trail, newest first',
    description:
      'userId is who acted; an admin action on a user or number names it in entityType and entityId. Each entry ' +
      'carries the users it names: `user` (who acted) and `entityUser` (when entityType is "user"), each ' +
      '{id, name, email} or null, so no per-user look-ups.',
  })
  @ApiPaginatedResponse(AdminActivityLogDto)
  list(@Query() query: ListActivityQueryDto): Promise<Paginated<AdminActivityLogDto>> {
    return this.activity.list(query);
  }
}
