import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { ActivityLogEntity } from './activity-log.entity';
import { toActivityLogDto } from './dto/activity-log.dto';

/**
 * Pushes each new activity row to the admins' live feed (`activity.created`), but only once it is committed:
 * rows written inside a transaction wait for its commit and are dropped on rollback.
 */
@Injectable()
export class ActivityFeedSubscriber implements EntitySubscriberInterface<ActivityLogEntity> {
  private readonly uncommitted = new WeakMap<QueryRunner, ActivityLogEntity[]>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly bus: RealtimeBus,
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
      this.publish(row);
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const rows = this.uncommitted.get(event.queryRunner);
    this.uncommitted.delete(event.queryRunner);
    rows?.forEach((row) => this.publish(row));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.uncommitted.delete(event.queryRunner);
  }

  private publish(row: ActivityLogEntity): void {
    this.bus.publish({ event: 'activity.created', data: toActivityLogDto(row), audience: { role: 'admin' } });
  }
}
