import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { LIMITS, Paginated } from '@hh/contracts';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { IdParamPipe } from '../../common/http/id-param.pipe';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Principal } from '../../common/guards/principal';
import { CreateNumberRequestDto, ListNumberRequestsQueryDto, NumberRequestDto } from './dto/number-request.dto';
import { NumberRequestsService } from './number-requests.service';

@ApiTags('number requests')
@Authenticated()
@ApiExtraModels(NumberRequestDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('number-requests')
export class NumberRequestsController {
  constructor(private readonly requests: NumberRequestsService) {}

  @Get()
  @ApiOperation({ summary: 'My number requests, newest first' })
  @ApiPaginatedResponse(NumberRequestDto)
  list(
    @Query() query: ListNumberRequestsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Paginated<NumberRequestDto>> {
    return this.requests.listMine(principal.userId, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Request a phone number',
    description: `Pending accounts may ask too. At most ${LIMITS.pendingNumberRequests} pending requests per user. An admin approves (and assigns a number) or denies it.`,
  })
  @ApiCreatedResponse({ type: NumberRequestDto })
  @ApiConflictResponse({ description: `Already ${LIMITS.pendingNumberRequests} pending requests`, type: ProblemDto })
  create(@Body() dto: CreateNumberRequestDto, @Audit() audit: AuditContext): Promise<NumberRequestDto> {
    return this.requests.create(dto, audit);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Cancel my pending request' })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiNotFoundResponse({ description: 'No such request of yours', type: ProblemDto })
  @ApiConflictResponse({ description: 'The request is no longer pending', type: ProblemDto })
  async cancel(@Param('id', IdParamPipe) id: number, @Audit() audit: AuditContext): Promise<void> {
    await this.requests.cancel(id, audit);
  }
}
