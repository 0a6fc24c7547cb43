import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { TopUser } from '@hh/contracts';
import type { UserAnalyticsEntity } from './user-analytics.entity';
import { FigureRow, FinalCall, RollupsRepository } from './rollups.repository';

/**
 * How other features reach the call figures kept for reading (user_analytics and the rollups): the call engine
 * adds final calls, users/ creates each user's row, the admin console reads them. Queries live in RollupsRepository.
 */
@Injectable()
export class RollupsService {
  constructor(private readonly rollups: RollupsRepository) {}

  /** A new user's (empty) user_analytics row, in the transaction that creates the user. */
  async createUserTotals(userId: number, now: Date, manager: EntityManager): Promise<void> {
    await this.rollups.createUserTotals(userId, now, manager);
  }

  /**
   * Adds calls that just became final to user_analytics and to every rollup, in the transaction that makes them
   * final (docs/decisions/007), so analytics read exact figures at every commit.
   */
  async recordFinalCalls(calls: readonly FinalCall[], now: Date, manager: EntityManager): Promise<void> {
    await this.rollups.addUserTotals(calls, now, manager);
    await this.rollups.addFinalCalls(calls, manager);
  }

  /** A user's call totals; null when the user has no row. */
  async userTotals(userId: number): Promise<UserAnalyticsEntity | null> {
    return this.rollups.userTotals(userId);
  }

  /** total_calls of each of the users (absent: none). */
  async totalCallsOf(userIds: number[]): Promise<Map<number, number>> {
    return this.rollups.totalCallsOf(userIds);
  }

  /** The calls of a range by UTC day and status (rows of one group may repeat: the caller sums them). */
  async figuresByDay(range: { from: Date; to: Date }): Promise<FigureRow[]> {
    return this.rollups.figuresByDay(range);
  }

  /** The 10 users with the most calls in the range. */
  async topUsers(range: { from: Date; to: Date }): Promise<TopUser[]> {
    return this.rollups.topUsers(range);
  }
}
