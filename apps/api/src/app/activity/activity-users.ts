import type { SelectQueryBuilder } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import type { ActivityLogEntity } from './activity-log.entity';

/**
 * Joins onto activity rows (alias `a`) the users they name: who acted (`a.user`) and the user an entry is about
 * (`a.entityUser`, entityType "user"). Both are many-to-one, so the rows stay one per entry.
 */
export function joinActivityUsers(qb: SelectQueryBuilder<ActivityLogEntity>): SelectQueryBuilder<ActivityLogEntity> {
  return qb
    .leftJoinAndMapOne('a.user', UserEntity, 'actor', 'actor.id = a.userId')
    .leftJoinAndMapOne('a.entityUser', UserEntity, 'subject', "a.entityType = 'user' AND subject.id = a.entityId");
}
