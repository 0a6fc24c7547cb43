import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Paginated } from '@hh/contracts';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { IdParamPipe } from '../../common/http/id-param.pipe';
import { ProblemDto } from '../../common/http/problem.dto';
import { AdminUsersService } from './admin-users.service';
import { AdminUserDetailDto, AdminUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/admin-user.dto';

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiExtraModels(AdminUserDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @ApiOperation({ summary: 'All users, newest first, with their call total and number count' })
  @ApiPaginatedResponse(AdminUserDto)
  list(@Query() query: ListUsersQueryDto): Promise<Paginated<AdminUserDto>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user with their call totals (user_analytics) and numbers' })
  @ApiOkResponse({ type: AdminUserDetailDto })
  @ApiNotFoundResponse({ description: 'No such user', type: ProblemDto })
  get(@Param('id', IdParamPipe) id: number): Promise<AdminUserDetailDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Approve, suspend, reactivate, change the role or rename a user',
    description:
      'status active approves a pending account or reactivates a suspended one; suspended ends every session of the ' +
      'user at once (their tokens get 403, their API keys 403). A role change applies from the next request. ' +
      'An admin cannot demote or suspend themselves, and the last active admin cannot be demoted or suspended (409).',
  })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiNotFoundResponse({ description: 'No such user', type: ProblemDto })
  @ApiConflictResponse({
    description: 'Demoting or suspending yourself or the last active admin; putting an account back to pending',
    type: ProblemDto,
  })
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: UpdateUserDto,
    @Audit() audit: AuditContext,
  ): Promise<AdminUserDto> {
    return this.users.update(id, dto, audit);
  }
}
