import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { ActivityAction } from '@hh/contracts';
import type { ClientContext } from '../../common/http/client-context';
import { ActivityDetails, ActivityLogEntity } from './activity-log.entity';

export interface ActivityEntry {
  action: ActivityAction;
  userId: number | null;
  entityType?: string;
  entityId?: number;
  details?: ActivityDetails;
  client?: ClientContext;
}

/** Writes the audit trail. Pass the transaction's manager to record an action in the same transaction. */
@Injectable()
export class ActivityService {
  constructor(@InjectRepository(ActivityLogEntity) private readonly logs: Repository<ActivityLogEntity>) {}

  async record(entry: ActivityEntry, manager?: EntityManager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  /** Several entries in one INSERT (the call engine ends a whole batch of calls at once). */
  async recordMany(entries: ActivityEntry[], manager?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    const repository = manager ? manager.getRepository(ActivityLogEntity) : this.logs;
    const createdAt = new Date();
    await repository.insert(
      entries.map((entry) =>
        repository.create({
          action: entry.action,
          userId: entry.userId,
          entityType: entry.entityType ?? null,
          entityId: entry.entityId ?? null,
          details: entry.details ?? null,
          ipAddress: entry.client?.ip ?? null,
          userAgent: entry.client?.userAgent ?? null,
          createdAt,
        }),
      ),
    );
  }
}
