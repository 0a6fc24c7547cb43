import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { NUMBER_STATUSES, NumberStatus } from '@hh/contracts';
import { escapeLike } from '../../common/database/like';
import { UserEntity } from '../users/user.entity';
import { PhoneNumberEntity } from './phone-number.entity';
import type {
  InventoryFilter,
  NewPhoneNumber,
  NumberWish,
  PhoneNumberChanges,
  PhoneNumberWithOwner,
} from './phone-number.types';

/**
 * Every query of the `phone_numbers` table. Methods that take part in a caller's transaction take its
 * EntityManager; without one they use the default connection.
 */
@Injectable()
export class PhoneNumberRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private numbers(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(PhoneNumberEntity);
  }

  /** A page of the inventory, newest first, each row with its owner joined on; and the total matching. */
  listWithOwners(filter: InventoryFilter, offset: number, limit: number): Promise<[PhoneNumberWithOwner[], number]> {
    const qb = this.numbers()
      .createQueryBuilder('n')
      .leftJoinAndMapOne('n.owner', UserEntity, 'owner', 'owner.id = n.ownerId');
    if (filter.name !== undefined) {
      const name = `%${escapeLike(filter.name)}%`;
      if (filter.digits) {
        qb.andWhere('(n.phoneNumber LIKE :digits OR n.friendlyName LIKE :name)', {
          digits: `%${filter.digits}%`,
          name,
        });
      } else {
        qb.andWhere('n.friendlyName LIKE :name', { name });
      }
    }
    if (filter.status) qb.andWhere('n.status = :status', { status: filter.status });
    if (filter.numberType) qb.andWhere('n.numberType = :numberType', { numberType: filter.numberType });
    if (filter.ownerId !== undefined) qb.andWhere('n.ownerId = :ownerId', { ownerId: filter.ownerId });
    // offset/limit, not skip/take: the join is many-to-one, so rows cannot repeat and TypeORM's extra
    // "distinct ids" query for joined pages is not needed.
    return qb.orderBy('n.id', 'DESC').offset(offset).limit(limit).getManyAndCount();
  }

  /** A page of the numbers assigned to the user, oldest assignment first. */
  listAssignedTo(ownerId: number, offset: number, limit: number): Promise<[PhoneNumberEntity[], number]> {
    return this.numbers().findAndCount({
      where: { ownerId, status: 'assigned' },
      order: { assignedDate: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
  }

  /** Every number the user holds, oldest assignment first. */
  findByOwner(ownerId: number): Promise<PhoneNumberEntity[]> {
    return this.numbers().find({ where: { ownerId }, order: { assignedDate: 'ASC', id: 'ASC' } });
  }

  findAssignedTo(id: number, ownerId: number): Promise<PhoneNumberEntity | null> {
    return this.numbers().findOneBy({ id, ownerId, status: 'assigned' });
  }

  /** The number when it is assigned to someone (phone_number is unique); null otherwise. */
  findAssignedByNumber(phoneNumber: string, manager?: EntityManager): Promise<PhoneNumberEntity | null> {
    return this.numbers(manager).findOneBy({ phoneNumber, status: 'assigned' });
  }

  findById(id: number): Promise<PhoneNumberEntity | null> {
    return this.numbers().findOneBy({ id });
  }

  countAssignedTo(ownerId: number): Promise<number> {
    return this.numbers().countBy({ ownerId, status: 'assigned' });
  }

  /** How many numbers there are in each status (statuses no number is in count 0). */
  async countByStatus(): Promise<Record<NumberStatus, number>> {
    const rows = await this.numbers()
      .createQueryBuilder('n')
      .select('n.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('n.status')
      .getRawMany<{ status: NumberStatus; count: string | number }>();
    const counts = Object.fromEntries(NUMBER_STATUSES.map((status) => [status, 0])) as Record<NumberStatus, number>;
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }

  /** How many numbers each of the users holds (users holding none are absent). */
  async countAssignedToEach(ownerIds: number[]): Promise<Map<number, number>> {
    if (ownerIds.length === 0) return new Map();
    const rows = await this.numbers()
      .createQueryBuilder('n')
      .select('n.ownerId', 'ownerId')
      .addSelect('COUNT(*)', 'count')
      .where("n.ownerId IN (:...ids) AND n.status = 'assigned'", { ids: ownerIds })
      .groupBy('n.ownerId')
      .getRawMany<{ ownerId: number; count: string | number }>();
    return new Map(rows.map((row) => [Number(row.ownerId), Number(row.count)]));
  }

  /** The number, locked FOR UPDATE until the transaction ends (null when it does not exist). */
  lockById(id: number, manager: EntityManager): Promise<PhoneNumberEntity | null> {
    return this.numbers(manager)
      .createQueryBuilder('n')
      .setLock('pessimistic_write')
      .where('n.id = :id', { id })
      .getOne();
  }

  /** The number locked FOR UPDATE if it is still in stock (available, nobody's); null otherwise. */
  lockIfAvailable(id: number, manager: EntityManager): Promise<PhoneNumberEntity | null> {
    return this.numbers(manager)
      .createQueryBuilder('n')
      .setLock('pessimistic_write')
      .where("n.id = :id AND n.status = 'available' AND n.ownerId IS NULL", { id })
      .getOne();
  }

  /**
   * Ids of available numbers matching the wish's area code or type, best first: same area code and type, then
   * same area code, then same type. Read without locks; `excluded` are ids already tried.
   */
  async availableMatches(wish: NumberWish, limit: number, excluded: number[], manager?: EntityManager) {
    const qb = this.numbers(manager)
      .createQueryBuilder('n')
      .select('n.id', 'id')
      .where("n.status = 'available' AND n.ownerId IS NULL");
    if (wish.areaCode) {
      qb.andWhere('(n.phoneNumber LIKE :prefix OR n.numberType = :type)', {
        prefix: `+1${wish.areaCode}%`,
        type: wish.numberType,
      })
        .orderBy('(n.phoneNumber LIKE :prefix AND n.numberType = :type)', 'DESC')
        .addOrderBy('(n.phoneNumber LIKE :prefix)', 'DESC');
    } else {
      qb.andWhere('n.numberType = :type', { type: wish.numberType });
    }
    if (excluded.length > 0) qb.andWhere('n.id NOT IN (:...excluded)', { excluded });
    const rows = await qb.addOrderBy('n.id', 'ASC').limit(limit).getRawMany<{ id: number }>();
    return rows.map((row) => Number(row.id));
  }

  /** Which of these E.164 numbers are already in the inventory. */
  async existing(phoneNumbers: string[], manager?: EntityManager): Promise<Set<string>> {
    if (phoneNumbers.length === 0) return new Set();
    const rows = await this.numbers(manager).find({
      select: { phoneNumber: true },
      where: { phoneNumber: In(phoneNumbers) },
    });
    return new Set(rows.map((row) => row.phoneNumber));
  }

  /** Inserts the row (its generated id is set on it); a number already in stock throws the duplicate-entry error. */
  async insert(row: NewPhoneNumber, manager?: EntityManager): Promise<PhoneNumberEntity> {
    const entity = this.numbers(manager).create(row);
    await this.numbers(manager).insert(entity);
    return entity;
  }

  /** Many rows in one INSERT (the CSV import's batches); the generated ids are not read back. */
  async insertMany(rows: NewPhoneNumber[], manager?: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    await (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(PhoneNumberEntity)
      .values(rows)
      .updateEntity(false)
      .execute();
  }

  async update(id: number, changes: PhoneNumberChanges, manager?: EntityManager): Promise<void> {
    await this.numbers(manager).update({ id }, changes);
  }

  async delete(id: number, manager?: EntityManager): Promise<void> {
    await this.numbers(manager).delete({ id });
  }
}
