import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { ContactEntity, ContactNumberEntity } from './contact.entity';

export type NewContact = Omit<ContactEntity, 'id'>;
export type NewContactNumber = Pick<ContactNumberEntity, 'label' | 'phoneNumber'>;

/** What a search looks for: words in the name or company, digits in a number (either may be absent). */
export interface ContactSearch {
  text?: string;
  digits?: string;
}

/** A LIKE pattern matching `value` anywhere, its wildcards taken literally. */
function contains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Every query of the `contacts` and `contact_numbers` tables, always scoped to the owner (another user's contact
 * is never found). Methods that take part in a caller's transaction take its EntityManager.
 */
@Injectable()
export class ContactRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private contacts(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ContactEntity);
  }

  private numbers(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ContactNumberEntity);
  }

  /** A page of the user's contacts by name, and the total matching. */
  async search(
    userId: number,
    search: ContactSearch,
    offset: number,
    limit: number,
  ): Promise<[ContactEntity[], number]> {
    const qb = this.contacts().createQueryBuilder('c').where('c.userId = :userId', { userId });
    if (search.text !== undefined || search.digits !== undefined) {
      qb.andWhere(
        new Brackets((or) => {
          if (search.text !== undefined) {
            const text = contains(search.text);
            or.orWhere('c.name LIKE :text', { text }).orWhere('c.company LIKE :text', { text });
          }
          if (search.digits !== undefined) {
            or.orWhere(
              'EXISTS (SELECT 1 FROM contact_numbers n WHERE n.contact_id = c.id AND n.user_id = :userId ' +
                'AND n.phone_number LIKE :digits)',
              { digits: contains(search.digits) },
            );
          }
        }),
      );
    }
    return qb.orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC').skip(offset).take(limit).getManyAndCount();
  }

  /** Every contact of the user, by name (the export). */
  allOf(userId: number): Promise<ContactEntity[]> {
    return this.contacts().find({ where: { userId }, order: { name: 'ASC', id: 'ASC' } });
  }

  countOf(userId: number, manager?: EntityManager): Promise<number> {
    return this.contacts(manager).countBy({ userId });
  }

  /** The user's contact, or null (unknown or another user's). */
  findOne(id: number, userId: number, manager?: EntityManager): Promise<ContactEntity | null> {
    return this.contacts(manager).findOneBy({ id, userId });
  }

  /** The user's contact, locked FOR UPDATE until the transaction ends; null when unknown or another user's. */
  lock(id: number, userId: number, manager: EntityManager): Promise<ContactEntity | null> {
    return this.contacts(manager)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id AND c.userId = :userId', { id, userId })
      .getOne();
  }

  /** The numbers of these contacts, in each contact's order. */
  numbersOf(contactIds: number[], manager?: EntityManager): Promise<ContactNumberEntity[]> {
    if (contactIds.length === 0) return Promise.resolve([]);
    return this.numbers(manager).find({
      where: { contactId: In(contactIds) },
      order: { contactId: 'ASC', position: 'ASC' },
    });
  }

  /** Every number of the user's contacts with its contact's name and company (the number→name lookup). */
  directoryOf(
    userId: number,
  ): Promise<{ phoneNumber: string; label: string; contactId: number; name: string; company: string | null }[]> {
    return this.numbers()
      .createQueryBuilder('n')
      .innerJoin(ContactEntity, 'c', 'c.id = n.contactId')
      .select('n.phoneNumber', 'phoneNumber')
      .addSelect('n.label', 'label')
      .addSelect('c.id', 'contactId')
      .addSelect('c.name', 'name')
      .addSelect('c.company', 'company')
      .where('n.userId = :userId', { userId })
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .addOrderBy('n.position', 'ASC')
      .getRawMany();
  }

  /** Pairs (lower-cased name, number) the user's contacts already hold, for these numbers (the import's skips). */
  async namedNumbersOf(userId: number, phoneNumbers: string[], manager: EntityManager): Promise<Set<string>> {
    if (phoneNumbers.length === 0) return new Set();
    const rows: { name: string; phoneNumber: string }[] = await this.numbers(manager)
      .createQueryBuilder('n')
      .innerJoin(ContactEntity, 'c', 'c.id = n.contactId')
      .select('c.name', 'name')
      .addSelect('n.phoneNumber', 'phoneNumber')
      .where('n.userId = :userId AND n.phoneNumber IN (:...phoneNumbers)', { userId, phoneNumbers })
      .getRawMany();
    return new Set(rows.map((r) => `${r.name.toLowerCase()}\n${r.phoneNumber}`));
  }

  /** The name of the contact holding each of these numbers (the first by name when several do). */
  async namesForNumbers(userId: number, phoneNumbers: string[]): Promise<Map<string, string>> {
    if (phoneNumbers.length === 0) return new Map();
    const rows = await this.numbers()
      .createQueryBuilder('n')
      .innerJoin(ContactEntity, 'c', 'c.id = n.contactId')
      .select('n.phoneNumber', 'phoneNumber')
      .addSelect('c.name', 'name')
      .where('n.userId = :userId AND n.phoneNumber IN (:...phoneNumbers)', { userId, phoneNumbers })
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getRawMany<{ phoneNumber: string; name: string }>();
    const names = new Map<string, string>();
    for (const row of rows) if (!names.has(row.phoneNumber)) names.set(row.phoneNumber, row.name);
    return names;
  }

  /** Which of these names (lower-cased) the user's contacts already have. */
  async namesOf(userId: number, names: string[], manager: EntityManager): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rows = await this.contacts(manager)
      .createQueryBuilder('c')
      .select('c.name', 'name')
      .where('c.userId = :userId AND c.name IN (:...names)', { userId, names })
      .getRawMany<{ name: string }>();
    return new Set(rows.map((r) => r.name.toLowerCase()));
  }

  /** Inserts the contact (its generated id is set on it). */
  async insert(row: NewContact, manager: EntityManager): Promise<ContactEntity> {
    const entity = this.contacts(manager).create(row);
    await this.contacts(manager).insert(entity);
    return entity;
  }

  async update(id: number, changes: Partial<NewContact>, manager: EntityManager): Promise<void> {
    await this.contacts(manager).update({ id }, changes);
  }

  /** Replaces the contact's numbers with these, in this order. */
  async replaceNumbers(
    contactId: number,
    userId: number,
    numbers: NewContactNumber[],
    manager: EntityManager,
  ): Promise<void> {
    await this.numbers(manager).delete({ contactId });
    if (numbers.length === 0) return;
    await this.numbers(manager).insert(
      numbers.map((n, position) => ({ contactId, userId, position, label: n.label, phoneNumber: n.phoneNumber })),
    );
  }

  /** Deletes the contact (its numbers go with it). */
  async delete(id: number, manager: EntityManager): Promise<void> {
    await this.contacts(manager).delete({ id });
  }
}
