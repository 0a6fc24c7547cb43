import { Injectable } from '@nestjs/common';
import type { Paginated } from '@hh/contracts';
import { CallQueriesService } from '../calls/call-queries.service';
import { AdminCallDto, toAdminCallDto } from './dto/admin-call.dto';
import { AdminListCallsQueryDto } from './dto/admin-calls-query.dto';

/** Calls of every user for the console: the filters and sorts of GET /calls, each call with its caller's name. */
@Injectable()
export class AdminCallsService {
  constructor(private readonly calls: CallQueriesService) {}

  /** One query: the caller is joined on (CallRepository.listWithCallers). */
  async list(query: AdminListCallsQueryDto): Promise<Paginated<AdminCallDto>> {
    const page = await this.calls.listWithCallers(query);
    return { ...page, data: page.data.map((row) => toAdminCallDto(row)) };
  }
}
