import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActivityAction } from '@hh/contracts';
import { UserEntity } from '../users/user.entity';
import { ActivityLogEntity } from './activity-log.entity';
import type { ActivityLogWithUsers } from './dto/activity-log.dto';

export type NewActivityLog = Omit<ActivityLogEntity, 'id'>;

export interface ActivityFilter {
  /** Who acted. */
  userId?: number;
  action?: ActivityAction;
  entityType?: string;
  /** Inclusive lower and exclusive upper bound of created_at. */
  from?: Date;
  to?: Date;
}

/**
 * Every query of the `activity_logs` table. Methods that take part in a caller's transaction take its
 * EntityManager; without one they use the default connection.
 */
@Injectable()
export class ActivityLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private logs(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ActivityLogEntity);
  }

  /** Several rows in one INSERT; each goes through TypeORM's insert so the live feed's subscriber sees it. */
  async insert(rows: NewActivityLog[], manager?: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    const logs = this.logs(manager);
    await logs.insert(rows.map((row) => logs.create(row)));
  }

  /**
   * A page of the trail, newest first, and the total matching. Each entry carries the users it names, joined on:
   * who acted (`user`) and the user it is about (`entityUser`, entityType "user"). Each filter has an index:
   * (user_id, action), (action, created_at), (entity_type, entity_id), created_at.
   */
  list(filter: ActivityFilter, offset: number, limit: number): Promise<[ActivityLogWithUsers[], number]> {
    const qb = this.logs()
      .createQueryBuilder('a')
      .leftJoinAndMapOne('a.user', UserEntity, 'actor', 'actor.id = a.userId')
      .leftJoinAndMapOne('a.entityUser', UserEntity, 'subject', "a.entityType = 'user' AND subject.id = a.entityId");
    if (filter.userId !== undefined) qb.andWhere('a.userId = :userId', { userId: filter.userId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.entityType) qb.andWhere('a.entityType = :entityType', { entityType: filter.entityType });
    if (filter.from) qb.andWhere('a.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.createdAt < :to', { to: filter.to });
    return (
      qb
        .orderBy('a.createdAt', 'DESC')
        .addOrderBy('a.id', 'DESC')
        // offset/limit, not skip/take: both joins are many-to-one, so rows cannot repeat.
        .offset(offset)
        .limit(limit)
        .getManyAndCount()
    );
  }
}
