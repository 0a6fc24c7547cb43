import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Paginated } from '@hh/contracts';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { IdParamPipe } from '../../common/http/id-param.pipe';
import { ProblemDto } from '../../common/http/problem.dto';
import { ListNumberRequestsQueryDto } from '../number-requests/dto/number-request.dto';
import { PhoneNumberDto } from '../numbers/dto/phone-number.dto';
import { AdminNumberRequestsService } from './admin-number-requests.service';
import {
  AdminNumberRequestDto,
  ApproveNumberRequestDto,
  DenyNumberRequestDto,
  FulfillNumberRequestDto,
} from './dto/admin-number-request.dto';

const DECISION_NOTE =
  'Runs in one transaction with the request and the number locked, so one number is never assigned twice. ' +
  'The requester receives number-request.updated on the live events once it is done.';

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiExtraModels(AdminNumberRequestDto, PhoneNumberDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('admin/number-requests')
export class AdminNumberRequestsController {
  constructor(private readonly requests: AdminNumberRequestsService) {}

  @Get()
  @ApiOperation({ summary: 'Number requests of every user: pending first, then newest, with who asked' })
  @ApiPaginatedResponse(AdminNumberRequestDto)
  list(@Query() query: ListNumberRequestsQueryDto): Promise<Paginated<AdminNumberRequestDto>> {
    return this.requests.list(query);
  }

  @Get(':id/suggestion')
  @ApiOperation({
    summary: 'The number approve would assign now',
    description:
      'The best available match: same area code and number type, then same area code, then same type. ' +
      'The body is the PhoneNumber, or null when nothing matches (or the request is already denied or fulfilled).',
  })
  @ApiOkResponse({ schema: { type: 'object', nullable: true, allOf: [{ $ref: getSchemaPath(PhoneNumberDto) }] } })
  @ApiNotFoundResponse({ description: 'No such request', type: ProblemDto })
  suggestion(@Param('id', IdParamPipe) id: number): Promise<PhoneNumberDto | null> {
    return this.requests.suggestion(id);
  }

  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Approve a pending request',
    description:
      'Assigns numberId (it must be available), or else the best available match (same area code and type, then same ' +
      'area code, then same type): the request becomes fulfilled with assignedNumberId. With no match it becomes ' +
      `approved and waits for POST …/fulfill. The requester must be active to receive a number (409). ${DECISION_NOTE}`,
  })
  @ApiOkResponse({ type: AdminNumberRequestDto })
  @ApiNotFoundResponse({ description: 'No such request, or no such number', type: ProblemDto })
  @ApiConflictResponse({
    description: 'The request is not pending, the number is not available, or the requester is not active',
    type: ProblemDto,
  })
  approve(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: ApproveNumberRequestDto,
    @Audit() audit: AuditContext,
  ): Promise<AdminNumberRequestDto> {
    return this.requests.approve(id, dto, audit);
  }

  @Post(':id/fulfill')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Assign a number to an approved request that was waiting for one',
    description: DECISION_NOTE,
  })
  @ApiOkResponse({ type: AdminNumberRequestDto })
  @ApiNotFoundResponse({ description: 'No such request, or no such number', type: ProblemDto })
  @ApiConflictResponse({
    description: 'The request is not approved, the number is not available, or the requester is not active',
    type: ProblemDto,
  })
  fulfill(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: FulfillNumberRequestDto,
    @Audit() audit: AuditContext,
  ): Promise<AdminNumberRequestDto> {
    return this.requests.fulfill(id, dto, audit);
  }

  @Post(':id/deny')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Deny a pending (or approved, still waiting) request',
    description: `adminNotes tell the requester why. ${DECISION_NOTE}`,
  })
  @ApiOkResponse({ type: AdminNumberRequestDto })
  @ApiNotFoundResponse({ description: 'No such request', type: ProblemDto })
  @ApiConflictResponse({ description: 'The request is already denied or fulfilled', type: ProblemDto })
  deny(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: DenyNumberRequestDto,
    @Audit() audit: AuditContext,
  ): Promise<AdminNumberRequestDto> {
    return this.requests.deny(id, dto, audit);
  }
}
