import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Paginated } from '@hh/contracts';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { ProblemDto } from '../../common/http/problem.dto';
import { AdminCallsService } from './admin-calls.service';
import { AdminCallDto } from './dto/admin-call.dto';
import { AdminListCallsQueryDto } from './dto/admin-calls-query.dto';

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiExtraModels(AdminCallDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('admin/calls')
export class AdminCallsController {
  constructor(private readonly calls: AdminCallsService) {}

  @Get()
  @ApiOperation({
    summary: 'Calls of every user (or of userId), with the filters and sorts of GET /calls',
    description: 'Each call carries its caller as `user` ({id, name, email}), so no per-user look-ups.',
  })
  @ApiPaginatedResponse(AdminCallDto)
  list(@Query() query: AdminListCallsQueryDto): Promise<Paginated<AdminCallDto>> {
    return this.calls.list(query);
  }
}
