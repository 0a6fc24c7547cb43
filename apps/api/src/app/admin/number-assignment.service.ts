import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { NumberRequest } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import { conflict, notFound } from '../../common/errors/problem.exception';
import { ActivityService } from '../activity/activity.service';
import type { PhoneNumberEntity } from '../numbers/phone-number.entity';
import { NumbersService } from '../numbers/numbers.service';
import { UsersService } from '../users/users.service';

/**
 * Giving a number to a user and taking it back, inside the caller's transaction. The invariant it keeps:
 * status 'assigned' if and only if the number has an owner. Lock order everywhere: request, then number, then user,
 * so concurrent admins wait for each other instead of deadlocking, and one number is never assigned twice.
 */
@Injectable()
export class NumberAssignmentService {
  constructor(
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly numbers: NumbersService,
    private readonly users: UsersService,
  ) {}

  /** The number, locked FOR UPDATE until the transaction ends; 404 when it does not exist. */
  async lockNumber(em: EntityManager, id: number): Promise<PhoneNumberEntity> {
    const row = await this.numbers.lock(id, em);
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
    audit: AuditContext,
    request?: Pick<NumberRequest, 'id'>,
  ): Promise<void> {
    this.assertAvailable(number);
    const owner = await this.users.lock(ownerId, 'read', em);
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
    await this.numbers.update(number.id, { ownerId, status: 'assigned', assignedDate: number.assignedDate }, em);
    await this.activity.record(
      {
        action: 'number_assigned',
        audit,
        entityType: 'phone_number',
        entityId: number.id,
        details: { phoneNumber: number.phoneNumber, ownerId, ...(request ? { requestId: request.id } : {}) },
      },
      em,
    );
  }

  /** Takes the (locked) number back into stock: available, no owner, no assigned date. */
  async release(em: EntityManager, number: PhoneNumberEntity, audit: AuditContext): Promise<void> {
    const previousOwner = number.ownerId;
    number.ownerId = null;
    number.status = 'available';
    number.assignedDate = null;
    await this.numbers.update(number.id, { ownerId: null, status: 'available', assignedDate: null }, em);
    await this.activity.record(
      {
        action: 'number_released',
        audit,
        entityType: 'phone_number',
        entityId: number.id,
        details: { phoneNumber: number.phoneNumber, ownerId: previousOwner },
      },
      em,
    );
  }
}
