import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { LIMITS, NUMBER_IMPORT_COLUMNS, Paginated } from '@hh/contracts';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { IdParamPipe } from '../../common/http/id-param.pipe';
import { ProblemDto } from '../../common/http/problem.dto';
import { AdminNumbersService } from './admin-numbers.service';
import { AdminPhoneNumberDto } from './dto/admin-phone-number.dto';
import { ACCEPTS_CSV, unsupportedMediaType } from './csv-body.parser';
import { CreateNumberDto, ListNumbersQueryDto, NumberImportResultDto, UpdateNumberDto } from './dto/admin-number.dto';

/** The CSV body limit as the docs say it: 1 MB. */
const CSV_MAX = `${LIMITS.csvImportBytes / 1_048_576} MB`;

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiExtraModels(AdminPhoneNumberDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('admin/numbers')
export class AdminNumbersController {
  constructor(private readonly numbers: AdminNumbersService) {}

  @Get()
  @ApiOperation({
    summary: 'The number inventory, newest first',
    description: 'Each number carries its owner ({id, name, email}, null when unowned), so no per-user look-ups.',
  })
  @ApiPaginatedResponse(AdminPhoneNumberDto)
  list(@Query() query: ListNumbersQueryDto): Promise<Paginated<AdminPhoneNumberDto>> {
    return this.numbers.list(query);
  }

  @Post()
  @ApiOperation({
    summary: 'Add a number to the inventory (available)',
    description: 'The number is validated and stored in E.164; locationCountry defaults to US, numberType to local.',
  })
  @ApiCreatedResponse({ type: AdminPhoneNumberDto, description: 'The new number (owner null: it is available)' })
  @ApiConflictResponse({ description: 'The number is already in the inventory', type: ProblemDto })
  create(@Body() dto: CreateNumberDto, @Audit() audit: AuditContext): Promise<AdminPhoneNumberDto> {
    return this.numbers.create(dto, audit);
  }

  @Post('import')
  @HttpCode(HttpStatus.OK)
  @RouteConfig({ [ACCEPTS_CSV]: true })
  @ApiOperation({
    summary: 'Import numbers from a CSV file',
    description:
      `Content-Type text/csv (at most ${CSV_MAX} and ${LIMITS.csvImportRows} rows). The first line is the header ` +
      `${NUMBER_IMPORT_COLUMNS.join(',')} (only phoneNumber is required; any order; locationCountry may be added). ` +
      'Valid rows are created even when others fail; a number already in the inventory, or repeated in the file, ' +
      'is skipped. created + skipped + errors.length = the rows of the file. An empty file or a wrong header is a 400.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: `${NUMBER_IMPORT_COLUMNS.join(',')}\n+19095550142,Riverside main,Riverside,CA,local,1.50\n(800) 555-0199,Support,,,toll_free,4`,
    },
  })
  @ApiOkResponse({ type: NumberImportResultDto })
  @ApiPayloadTooLargeResponse({ description: `The file is larger than ${CSV_MAX}`, type: ProblemDto })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not text/csv', type: ProblemDto })
  import(@Req() request: FastifyRequest, @Audit() audit: AuditContext): Promise<NumberImportResultDto> {
    if (typeof request.body !== 'string') {
      throw unsupportedMediaType('Send the file with Content-Type: text/csv');
    }
    return this.numbers.importCsv(request.body, audit);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Edit, assign or release a number',
    description:
      'ownerId: <user id> assigns the number (it must be available; the user must exist (404) and be active (409)); ' +
      'the number becomes assigned with assignedDate now. ownerId: null releases it (available, no assignedDate). ' +
      'status available/pending/suspended applies to numbers nobody holds. The other fields are edits; null clears a text field.',
  })
  @ApiOkResponse({ type: AdminPhoneNumberDto, description: 'The number as saved, with its owner' })
  @ApiNotFoundResponse({ description: 'No such number, or no such user for ownerId', type: ProblemDto })
  @ApiConflictResponse({
    description: 'The number is not available to assign, the user is not active, or it must be released first',
    type: ProblemDto,
  })
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: UpdateNumberDto,
    @Audit() audit: AuditContext,
  ): Promise<AdminPhoneNumberDto> {
    return this.numbers.update(id, dto, audit);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a number nobody holds' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such number', type: ProblemDto })
  @ApiConflictResponse({ description: 'The number is assigned; release it first', type: ProblemDto })
  async remove(@Param('id', IdParamPipe) id: number, @Audit() audit: AuditContext): Promise<void> {
    await this.numbers.remove(id, audit);
  }
}
