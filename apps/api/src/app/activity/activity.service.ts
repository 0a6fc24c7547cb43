import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ActivityAction, ActivityEntityType } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import type { ClientContext } from '../../common/http/client-context';
import { ActivityDetails } from './activity-log.entity';
import { ActivityFilter, ActivityLogRepository } from './activity-log.repository';
import type { ActivityLogWithUsers } from './dto/activity-log.dto';

interface ActivityFacts {
  action: ActivityAction;
  entityType?: ActivityEntityType;
  entityId?: number;
  details?: ActivityDetails;
}

/**
 * One entry of the trail: who acted and from where come from the request's AuditContext (`audit`), or, for
 * entries without an authenticated actor (sign-up, failed sign-ins, the engine, the first admin), are given as
 * `userId` and `client`.
 */
export type ActivityEntry = ActivityFacts &
  (
    | { audit: AuditContext; userId?: never; client?: never }
    | { audit?: never; userId: number | null; client?: ClientContext }
  );

/**
 * Writes the audit trail (pass the transaction's manager to record an action in the same transaction) and reads it
 * for the admin console.
 */
@Injectable()
export class ActivityService {
  constructor(private readonly logs: ActivityLogRepository) {}

  async record(entry: ActivityEntry, manager?: EntityManager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  /** Several entries in one INSERT (the call engine ends a whole batch of calls at once). */
  async recordMany(entries: ActivityEntry[], manager?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    // The row's technical timestamp (when it was written), not business time.
    const createdAt = new Date();
    await this.logs.insert(
      entries.map((entry) => {
        const client = entry.audit ? entry.audit.client : entry.client;
        return {
          action: entry.action,
          userId: entry.audit ? entry.audit.actor.userId : entry.userId,
          entityType: entry.entityType ?? null,
          entityId: entry.entityId ?? null,
          details: entry.details ?? null,
          ipAddress: client?.ip ?? null,
          userAgent: client?.userAgent ?? null,
          createdAt,
        };
      }),
      manager,
    );
  }

  /** A page of the trail, newest first, each entry with the users it names; and the total matching. */
  async list(filter: ActivityFilter, offset: number, limit: number): Promise<[ActivityLogWithUsers[], number]> {
    return this.logs.list(filter, offset, limit);
  }
}
