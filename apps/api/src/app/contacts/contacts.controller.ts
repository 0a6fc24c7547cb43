import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
  ApiConflictResponse,
  ApiBadRequestResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONTACT_CSV_COLUMNS, CONTACT_LIMITS, LIMITS, Paginated } from '@hh/contracts';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { IdParamPipe } from '../../common/http/id-param.pipe';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Principal } from '../../common/guards/principal';
import { ACCEPTS_CSV, unsupportedMediaType } from '../admin/csv-body.parser';
import { ContactsService } from './contacts.service';
import {
  ContactDirectoryEntryDto,
  ContactDto,
  ContactImportResultDto,
  CreateContactDto,
  ListContactsQueryDto,
  UpdateContactDto,
} from './dto/contact.dto';

const CSV_MAX = `${LIMITS.csvImportBytes / 1_048_576} MB`;

@ApiTags('contacts')
@Authenticated()
@ApiExtraModels(ContactDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'My contacts by name, optionally searched',
    description:
      '`q` finds contacts whose name or company contains it, or, when it looks like a number, one of whose ' +
      'numbers contains its digits however they are typed ("(909) 555-01" finds +19095550142).',
  })
  @ApiPaginatedResponse(ContactDto)
  list(@Query() query: ListContactsQueryDto, @CurrentPrincipal() principal: Principal): Promise<Paginated<ContactDto>> {
    return this.contacts.list(principal.userId, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Add a contact',
    description:
      `name is required; numbers (at most ${CONTACT_LIMITS.numbersPerContact}, each once) are normalised to E.164. ` +
      `At most ${CONTACT_LIMITS.contactsPerUser} contacts per user (409).`,
  })
  @ApiCreatedResponse({ type: ContactDto })
  @ApiConflictResponse({ description: `Already ${CONTACT_LIMITS.contactsPerUser} contacts`, type: ProblemDto })
  create(@Body() dto: CreateContactDto, @Audit() audit: AuditContext): Promise<ContactDto> {
    return this.contacts.create(dto, audit);
  }

  @Get('directory')
  @ApiOperation({
    summary: 'Every number of my contacts with its contact’s name',
    description: 'The number→name lookup the web app uses to show names instead of numbers (not paginated).',
  })
  @ApiOkResponse({ type: [ContactDirectoryEntryDto] })
  directory(@CurrentPrincipal() principal: Principal): Promise<ContactDirectoryEntryDto[]> {
    return this.contacts.directory(principal.userId);
  }

  @Get('export')
  @ApiOperation({
    summary: 'My contacts as CSV',
    description:
      `Header ${CONTACT_CSV_COLUMNS.join(',')}; one line per number (a contact without numbers has one line), ` +
      'so the file imports back as it was. Text starting like a spreadsheet formula (= + - @) is prefixed with a quote.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv with a header row' })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const csv = await this.contacts.exportCsv(principal.userId);
    const date = this.clock.now().toISOString().slice(0, 10);
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="contacts-${date}.csv"`);
    return csv;
  }

  @Post('import')
  @HttpCode(HttpStatus.OK)
  @RouteConfig({ [ACCEPTS_CSV]: true })
  @ApiOperation({
    summary: 'Import contacts from a CSV file',
    description:
      `Content-Type text/csv (at most ${CSV_MAX} and ${LIMITS.csvImportRows} rows). The first line is the header ` +
      `${CONTACT_CSV_COLUMNS.join(',')} (only name is required; any order). Lines with the same name and company make ` +
      'one contact with their numbers (the first e-mail given wins). A line whose name already holds its number in my contacts, or ' +
      'that repeats an earlier line, is skipped; a bad line is refused with its reason, and so are the other lines ' +
      'of its contact (no contact is imported in part). The contacts are created in one transaction: all or none. ' +
      '`lines` reports every data line (created, skipped or refused, and why). An empty file, a file that is not ' +
      'CSV or a wrong header is a 400.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: `${CONTACT_CSV_COLUMNS.join(',')}\nDana Whitfield,Acme Roofing,(909) 555-0142,mobile,dana@acme-roofing.example,\nDana Whitfield,Acme Roofing,+19095550143,work,dana@acme-roofing.example,`,
    },
  })
  @ApiOkResponse({ type: ContactImportResultDto })
  @ApiConflictResponse({
    description: `The import would pass ${CONTACT_LIMITS.contactsPerUser} contacts`,
    type: ProblemDto,
  })
  @ApiPayloadTooLargeResponse({ description: `The file is larger than ${CSV_MAX}`, type: ProblemDto })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not text/csv', type: ProblemDto })
  import(@Req() request: FastifyRequest, @Audit() audit: AuditContext): Promise<ContactImportResultDto> {
    if (typeof request.body !== 'string') throw unsupportedMediaType('Send the file with Content-Type: text/csv');
    return this.contacts.importCsv(request.body, audit);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of my contacts' })
  @ApiOkResponse({ type: ContactDto })
  @ApiNotFoundResponse({ description: 'No such contact of yours', type: ProblemDto })
  get(@Param('id', IdParamPipe) id: number, @CurrentPrincipal() principal: Principal): Promise<ContactDto> {
    return this.contacts.get(id, principal.userId);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a contact',
    description: 'Any of the fields; `numbers` replaces the list; null clears company, email or notes.',
  })
  @ApiOkResponse({ type: ContactDto })
  @ApiNotFoundResponse({ description: 'No such contact of yours', type: ProblemDto })
  update(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: UpdateContactDto,
    @Audit() audit: AuditContext,
  ): Promise<ContactDto> {
    return this.contacts.update(id, dto, audit);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a contact' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such contact of yours', type: ProblemDto })
  async delete(@Param('id', IdParamPipe) id: number, @Audit() audit: AuditContext): Promise<void> {
    await this.contacts.delete(id, audit);
  }
}
