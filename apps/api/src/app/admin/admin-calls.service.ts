import { Injectable } from '@nestjs/common';
import type { Paginated } from '@hh/contracts';
import { paginated, pageWindow } from '../../common/http/pagination';
import { CallsService } from '../calls/calls.service';
import { UserEntity } from '../users/user.entity';
import { AdminCallDto, CallWithUser, toAdminCallDto } from './dto/admin-call.dto';
import { AdminListCallsQueryDto } from './dto/admin-calls-query.dto';

/** Calls of every user for the console: the filters and sorts of GET /calls, each call with its caller's name. */
@Injectable()
export class AdminCallsService {
  constructor(private readonly calls: CallsService) {}

  /** One query: the caller is joined on users (many-to-one, so offset/limit page it without repeats). */
  async list(query: AdminListCallsQueryDto): Promise<Paginated<AdminCallDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.calls
      .filtered(query.userId, query)
      .leftJoinAndMapOne('call.user', UserEntity, 'caller', 'caller.id = call.userId')
      .offset(offset)
      .limit(pageSize)
      .getManyAndCount();
    return paginated(
      rows.map((row: CallWithUser) => toAdminCallDto(row)),
      total,
      page,
      pageSize,
    );
  }
}
