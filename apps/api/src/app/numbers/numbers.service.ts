import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { NumberStatus, Paginated } from '@hh/contracts';
import { badRequest, notFound } from '../../common/errors/problem.exception';
import { UpdateMyNumberDto } from './dto/update-my-number.dto';
import { PageQueryDto, paginated, pageWindow } from '../../common/http/pagination';
import { PhoneNumberDto, toPhoneNumberDto } from './dto/phone-number.dto';
import type { PhoneNumberEntity } from './phone-number.entity';
import { PhoneNumberRepository } from './phone-number.repository';
import type {
  InventoryFilter,
  NewPhoneNumber,
  NumberWish,
  PhoneNumberChanges,
  PhoneNumberWithOwner,
} from './phone-number.types';

/**
 * A client's own numbers (the ones assigned to them), and the way other features reach the `phone_numbers` table:
 * the admin inventory, assignment under row locks, a caller's numbers. Queries live in PhoneNumberRepository.
 */
@Injectable()
export class NumbersService {
  constructor(private readonly numbers: PhoneNumberRepository) {}

  async listMine(userId: number, query: PageQueryDto): Promise<Paginated<PhoneNumberDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.numbers.listAssignedTo(userId, offset, pageSize);
    return paginated(rows.map(toPhoneNumberDto), total, page, pageSize);
  }

  /** PATCH /numbers/{id}: the name and whether calls are recorded, of a number the user holds. */
  async updateMine(userId: number, id: number, dto: UpdateMyNumberDto): Promise<PhoneNumberDto> {
    if (dto.friendlyName === undefined && dto.recordCalls === undefined) {
      const message = 'or the other of friendlyName and recordCalls is required';
      throw badRequest('Send friendlyName and/or recordCalls', [
        { field: 'friendlyName', message },
        { field: 'recordCalls', message },
      ]);
    }
    const row = await this.numbers.findAssignedTo(id, userId);
    if (!row) throw notFound('Phone number');
    const changes: PhoneNumberChanges = {};
    if (dto.friendlyName !== undefined) changes.friendlyName = dto.friendlyName || null;
    if (dto.recordCalls !== undefined) changes.recordCalls = dto.recordCalls;
    Object.assign(row, changes);
    await this.numbers.update(id, changes);
    return toPhoneNumberDto(row);
  }

  /** Whether calls of this number (E.164) are recorded: it is assigned and its holder turned recordCalls on. */
  async recordsCalls(phoneNumber: string, manager?: EntityManager): Promise<boolean> {
    // The driver may hand the TINYINT(1) over as 0/1.
    return Boolean((await this.numbers.findAssignedByNumber(phoneNumber, manager))?.recordCalls);
  }

  /** A page of the admin inventory, newest first, each row with its owner; and the total matching. */
  async inventory(filter: InventoryFilter, offset: number, limit: number): Promise<[PhoneNumberWithOwner[], number]> {
    return this.numbers.listWithOwners(filter, offset, limit);
  }

  async findById(id: number): Promise<PhoneNumberEntity | null> {
    return this.numbers.findById(id);
  }

  /** Every number the user holds, oldest assignment first. */
  async ofOwner(ownerId: number): Promise<PhoneNumberEntity[]> {
    return this.numbers.findByOwner(ownerId);
  }

  /** Who holds the number (E.164) as an assigned number; null when it is nobody's (calls: on-net routing). */
  async assignedOwnerOf(phoneNumber: string, manager?: EntityManager): Promise<number | null> {
    return (await this.numbers.findAssignedByNumber(phoneNumber, manager))?.ownerId ?? null;
  }

  async countAssignedTo(ownerId: number): Promise<number> {
    return this.numbers.countAssignedTo(ownerId);
  }

  /** How many numbers each of the users holds (users holding none are absent). */
  async countAssignedToEach(ownerIds: number[]): Promise<Map<number, number>> {
    return this.numbers.countAssignedToEach(ownerIds);
  }

  /** How many numbers there are in each status (the admin overview). */
  async countByStatus(): Promise<Record<NumberStatus, number>> {
    return this.numbers.countByStatus();
  }

  /** The number, locked FOR UPDATE until the transaction ends (null when it does not exist). */
  async lock(id: number, manager: EntityManager): Promise<PhoneNumberEntity | null> {
    return this.numbers.lockById(id, manager);
  }

  /** The number locked FOR UPDATE if it is still in stock (available, nobody's); null otherwise. */
  async lockIfAvailable(id: number, manager: EntityManager): Promise<PhoneNumberEntity | null> {
    return this.numbers.lockIfAvailable(id, manager);
  }

  /** Ids of available numbers for a request's wish, best match first, read without locks; `excluded` were tried. */
  async availableMatches(wish: NumberWish, limit: number, excluded: number[], manager?: EntityManager) {
    return this.numbers.availableMatches(wish, limit, excluded, manager);
  }

  /** Adds a number to the inventory; one already in stock throws the driver's duplicate-entry error. */
  async add(row: NewPhoneNumber, manager: EntityManager): Promise<PhoneNumberEntity> {
    return this.numbers.insert(row, manager);
  }

  /**
   * Adds the rows whose number is not in the inventory yet (one INSERT) and answers the numbers that already were;
   * a number inserted concurrently still throws the duplicate-entry error.
   */
  async addMissing(rows: NewPhoneNumber[], manager: EntityManager): Promise<Set<string>> {
    const taken = await this.numbers.existing(
      rows.map((row) => row.phoneNumber),
      manager,
    );
    await this.numbers.insertMany(
      rows.filter((row) => !taken.has(row.phoneNumber)),
      manager,
    );
    return taken;
  }

  async update(id: number, changes: PhoneNumberChanges, manager: EntityManager): Promise<void> {
    await this.numbers.update(id, changes, manager);
  }

  async delete(id: number, manager: EntityManager): Promise<void> {
    await this.numbers.delete(id, manager);
  }
}
