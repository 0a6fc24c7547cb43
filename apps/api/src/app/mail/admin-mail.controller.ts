import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Paginated } from '@hh/contracts';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { pageWindow } from '../../common/http/pagination';
import { ProblemDto } from '../../common/http/problem.dto';
import { OutboxMailDto, OutboxQueryDto } from './dto/outbox-mail.dto';
import { MailService } from './mail.service';

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('admin/mail')
export class AdminMailController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @ApiOperation({
    summary: 'The mail outbox, newest first',
    description:
      'Every message the portal queued: to whom, which template, its subject and plain text, and whether it was ' +
      'sent, is waiting, failed or is held because SMTP_URL is not set. Only held messages show their one-time ' +
      'link (admins then pass it on); the others show "[one-time link removed once sent]".',
  })
  @ApiPaginatedResponse(OutboxMailDto)
  list(@Query() query: OutboxQueryDto): Promise<Paginated<OutboxMailDto>> {
    const { page, pageSize } = pageWindow(query);
    return this.mail.list({ status: query.status, to: query.to }, page, pageSize);
  }
}
