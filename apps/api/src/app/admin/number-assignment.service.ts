import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { NumberRequest } from '@hh/contracts';
import { Clock } from '../../common/clock';
import { conflict, notFound } from '../../common/errors/problem.exception';
import type { ClientContext } from '../../common/http/client-context';
import { ActivityService } from '../activity/activity.service';
import { PhoneNumberEntity } from '../numbers/phone-number.entity';
import { UserEntity } from '../users/user.entity';

export interface Actor {
  userId: number;
  client: ClientContext;
}

/**
 * Giving a number to a user and taking it back, inside the caller's transaction. The invariant it keeps:
 * status 'assigned' if and only if the number has an owner. Lock order everywhere: request, then number, then user,
 * so concurrent admins wait for each other instead of deadlocking, and one number is never assigned twice.
 */
@Injectable()
export class NumberAssignment {
  constructor(
    private readonly clock: Clock,
    private readonly activity: ActivityService,
  ) {}

  /** The number, locked FOR UPDATE until the transaction ends; 404 when it does not exist. */
  async lockNumber(em: EntityManager, id: number): Promise<PhoneNumberEntity> {
    const row = await em
      .getRepository(PhoneNumberEntity)
      .createQueryBuilder('n')
      .setLock('pessimistic_write')
      .where('n.id = :id', { id })
      .getOne();
    if (!row) throw notFound(`Phone number ${id}`);
    return row;
  }

  /** 409 unless the (locked) number is in stock: available and nobody's. */
  assertAvailable(number: PhoneNumberEntity): void {
    if (number.ownerId !== null) {
      throw conflict(`${number.phoneNumber} is already assigned to user ${number.ownerId}; release it first`);
    }
    if (number.status !== 'available') {
      throw conflict(`${number.phoneNumber} is ${number.status}, not available; make it available first`);
    }
  }

  /**
   * Assigns the locked, available number to an active user (404 unknown user, 409 not active). The user's row is
   * share-locked, so a concurrent suspension waits for this assignment (and vice versa).
   */
  async assign(
    em: EntityManager,
    number: PhoneNumberEntity,
    ownerId: number,
    actor: Actor,
    request?: Pick<NumberRequest, 'id'>,
  ): Promise<void> {
    this.assertAvailable(number);
    const owner = await em
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .setLock('pessimistic_read')
      .where('u.id = :id', { id: ownerId })
      .getOne();
    if (!owner) throw notFound(`User ${ownerId}`);
    if (owner.status !== 'active') {
      throw conflict(
        owner.status === 'pending'
          ? `User ${ownerId} is still pending; approve the account before assigning numbers`
          : `User ${ownerId} is suspended; numbers can only go to active users`,
      );
    }
    number.ownerId = ownerId;
    number.status = 'assigned';
    number.assignedDate = this.clock.now();
    await em
      .getRepository(PhoneNumberEntity)
      .update({ id: number.id }, { ownerId, status: 'assigned', assignedDate: number.assignedDate });
    await this.activity.record(
      {
        action: 'number_assigned',
        userId: actor.userId,
        entityType: 'phone_number',
        entityId: number.id,
        details: { phoneNumber: number.phoneNumber, ownerId, ...(request ? { requestId: request.id } : {}) },
        client: actor.client,
      },
      em,
    );
  }

  /** Takes the (locked) number back into stock: available, no owner, no assigned date. */
  async release(em: EntityManager, number: PhoneNumberEntity, actor: Actor): Promise<void> {
    const previousOwner = number.ownerId;
    number.ownerId = null;
    number.status = 'available';
    number.assignedDate = null;
    await em
      .getRepository(PhoneNumberEntity)
      .update({ id: number.id }, { ownerId: null, status: 'available', assignedDate: null });
    await this.activity.record(
      {
        action: 'number_released',
        userId: actor.userId,
        entityType: 'phone_number',
        entityId: number.id,
        details: { phoneNumber: number.phoneNumber, ownerId: previousOwner },
        client: actor.client,
      },
      em,
    );
  }
}
