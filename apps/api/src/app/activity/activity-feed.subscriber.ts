import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import type { UserRef } from '@hh/contracts';
import { RealtimeBus } from '../realtime/realtime-bus';
import { ActivityLogEntity } from './activity-log.entity';
import { UsersService } from '../users/users.service';
import { ActivityLogWithUsers, toAdminActivityLogDto } from './dto/activity-log.dto';

/**
 * Pushes each new activity row to the admins' live feed (`activity.created`), but only once it is committed:
 * rows written inside a transaction wait for its commit and are dropped on rollback. The event's data is the row
 * as GET /admin/activity shows it, with the users it names.
 */
@Injectable()
export class ActivityFeedSubscriber implements EntitySubscriberInterface<ActivityLogEntity> {
  private readonly logger = new Logger('ActivityFeed');
  private readonly uncommitted = new WeakMap<QueryRunner, ActivityLogEntity[]>();
  /** The batch being published; the next one waits for it, so events keep their order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: RealtimeBus,
    private readonly users: UsersService,
  ) {
    dataSource.subscribers.push(this);
  }

  listenTo() {
    return ActivityLogEntity;
  }

  afterInsert(event: InsertEvent<ActivityLogEntity>): void {
    const row = event.entity;
    if (!row?.id) return;
    if (event.queryRunner.isTransactionActive) {
      const rows = this.uncommitted.get(event.queryRunner) ?? [];
      rows.push(row);
      this.uncommitted.set(event.queryRunner, rows);
    } else {
      this.publish([row]);
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const rows = this.uncommitted.get(event.queryRunner);
    this.uncommitted.delete(event.queryRunner);
    if (rows) this.publish(rows);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.uncommitted.delete(event.queryRunner);
  }

  /**
   * Each event carries the users its entry names, as GET /admin/activity rows do, so the feed needs no per-user
   * look-ups: one query per committed batch finds them. Batches go out in commit order (one after the other).
   */
  private publish(rows: ActivityLogEntity[]): void {
    this.queue = this.queue
      .then(async () => {
        const users = await this.usersNamedBy(rows).catch((error: Error) => {
          this.logger.warn(`Activity feed: users not named (${error.message})`);
          return new Map<number, UserRef>();
        });
        for (const row of rows) {
          const withUsers: ActivityLogWithUsers = {
            ...row,
            user: row.userId === null ? null : users.get(row.userId),
            entityUser: row.entityType === 'user' && row.entityId !== null ? users.get(row.entityId) : null,
          };
          this.bus.publish({
            event: 'activity.created',
            data: toAdminActivityLogDto(withUsers),
            audience: { role: 'admin' },
          });
        }
      })
      .catch((error: Error) => this.logger.error(`Activity feed: batch not published (${error.message})`));
  }

  private usersNamedBy(rows: ActivityLogEntity[]): Promise<Map<number, UserRef>> {
    const ids = new Set<number>();
    for (const row of rows) {
      if (row.userId !== null) ids.add(row.userId);
      if (row.entityType === 'user' && row.entityId !== null) ids.add(row.entityId);
    }
    return this.users.namesOf(ids);
  }
}
