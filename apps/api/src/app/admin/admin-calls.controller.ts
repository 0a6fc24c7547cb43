import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Paginated } from '@hh/contracts';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { ProblemDto } from '../../common/http/problem.dto';
import { CallsService } from '../calls/calls.service';
import { CallDto } from '../calls/dto/call.dto';
import { AdminListCallsQueryDto } from './dto/admin-calls-query.dto';

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiExtraModels(CallDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('admin/calls')
export class AdminCallsController {
  constructor(private readonly calls: CallsService) {}

  @Get()
  @ApiOperation({ summary: 'Calls of every user (or of userId), with the filters and sorts of GET /calls' })
  @ApiPaginatedResponse(CallDto)
  list(@Query() query: AdminListCallsQueryDto): Promise<Paginated<CallDto>> {
    return this.calls.list(query.userId, query);
  }
}
