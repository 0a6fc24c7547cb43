import { Injectable } from '@nestjs/common';
import type { Paginated } from '@hh/contracts';
import { paginated, pageWindow } from '../../common/http/pagination';
import { dateBounds } from '../../common/time/date-bounds';
import { ActivityService } from '../activity/activity.service';
import { AdminActivityLogDto, toAdminActivityLogDto } from '../activity/dto/activity-log.dto';
import { ListActivityQueryDto } from './dto/admin-activity.dto';

/** The audit trail, newest first. */
@Injectable()
export class AdminActivityService {
  constructor(private readonly activity: ActivityService) {}

  /** One query: each entry carries the users it names (who acted, the user it is about). */
  async list(query: ListActivityQueryDto): Promise<Paginated<AdminActivityLogDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { from, to } = dateBounds(query);
    const [rows, total] = await this.activity.list(
      { userId: query.userId, action: query.action, entityType: query.entityType, from, to },
      offset,
      pageSize,
    );
    return paginated(rows.map(toAdminActivityLogDto), total, page, pageSize);
  }
}
