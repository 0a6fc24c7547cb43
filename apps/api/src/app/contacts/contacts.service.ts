import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DataSource, EntityManager } from 'typeorm';
import {
  CONTACT_CSV_COLUMNS,
  CONTACT_LIMITS,
  ContactImportLine,
  DEFAULT_CONTACT_NUMBER_LABEL,
  Paginated,
  toE164,
} from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import { conflict, fieldError, forbidden, notFound } from '../../common/errors/problem.exception';
import { paginated, pageWindow } from '../../common/http/pagination';
import { ActivityService } from '../activity/activity.service';
import { neutraliseFormula } from '../calls/call-queries.service';
import { UsersService } from '../users/users.service';
import { parseContactImport } from './contact-import';
import { ContactEntity, ContactNumberEntity } from './contact.entity';
import { ContactRepository, ContactSearch, NewContactNumber } from './contact.repository';
import {
  ContactDirectoryEntryDto,
  ContactDto,
  ContactImportResultDto,
  ContactNumberInputDto,
  CreateContactDto,
  ListContactsQueryDto,
  UpdateContactDto,
} from './dto/contact.dto';

/** A search text that is only phone characters with a digit ("(909) 555-01", "+1 909") also searches numbers. */
const NUMBER_LIKE = /^[+\d\s().\-/]*\d[+\d\s().\-/]*$/;

export function contactSearchOf(q: string | undefined): ContactSearch {
  const text = q?.trim();
  if (!text) return {};
  return NUMBER_LIKE.test(text) ? { text, digits: text.replace(/\D/g, '') } : { text };
}

function toContactDto(row: ContactEntity, numbers: ContactNumberEntity[]): ContactDto {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    numbers: numbers.map((n) => ({ label: n.label, phoneNumber: n.phoneNumber })),
    email: row.email,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * A user's contacts: the address book behind the web app's names for numbers. Every read and write is scoped to the
 * owner (another user's contact is a 404), and every change writes its activity row in the same transaction.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly contacts: ContactRepository,
    private readonly users: UsersService,
  ) {}

  async list(userId: number, query: ListContactsQueryDto): Promise<Paginated<ContactDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.contacts.search(userId, contactSearchOf(query.q), offset, pageSize);
    return paginated(await this.withNumbers(rows), total, page, pageSize);
  }

  async get(id: number, userId: number): Promise<ContactDto> {
    const row = await this.contacts.findOne(id, userId);
    if (!row) throw notFound('Contact');
    const [dto] = await this.withNumbers([row]);
    return dto;
  }

  /**
   * Names each call's other party (the caller of an inbound call, the called number of an outbound one) with the
   * user's contact holding that number: `contactName` is set where one does (API: "Calls carry contactName").
   */
  async nameCalls<T extends { direction: string; fromNumber: string; toNumber: string; contactName?: string }>(
    userId: number,
    calls: T[],
  ): Promise<T[]> {
    const other = (call: T) => (call.direction === 'inbound' ? call.fromNumber : call.toNumber);
    const names = await this.contacts.namesForNumbers(userId, [...new Set(calls.map(other))]);
    for (const call of calls) {
      const name = names.get(other(call));
      if (name !== undefined) call.contactName = name;
    }
    return calls;
  }

  directory(userId: number): Promise<ContactDirectoryEntryDto[]> {
    return this.contacts.directoryOf(userId);
  }

  async create(dto: CreateContactDto, audit: AuditContext): Promise<ContactDto> {
    this.assertNotSuspended(audit);
    const numbers = this.normaliseNumbers(dto.numbers ?? []);
    const id = await this.dataSource.transaction(async (em) => {
      await this.lockOwnerWithRoom(audit.actor.userId, 1, em);
      const now = this.clock.now();
      const row = await this.contacts.insert(
        {
          userId: audit.actor.userId,
          name: dto.name,
          company: dto.company ?? null,
          email: dto.email ?? null,
          notes: dto.notes ?? null,
          createdAt: now,
          updatedAt: now,
        },
        em,
      );
      await this.contacts.replaceNumbers(row.id, audit.actor.userId, numbers, em);
      await this.activity.record(
        { action: 'contact_created', audit, entityType: 'contact', entityId: row.id, details: { name: row.name } },
        em,
      );
      return row.id;
    });
    return this.get(id, audit.actor.userId);
  }

  async update(id: number, dto: UpdateContactDto, audit: AuditContext): Promise<ContactDto> {
    this.assertNotSuspended(audit);
    // PartialType lets null through as "absent": null is no list of numbers.
    if (dto.numbers === null) throw fieldError('numbers', 'must be an array');
    const numbers = dto.numbers === undefined ? undefined : this.normaliseNumbers(dto.numbers);
    await this.dataSource.transaction(async (em) => {
      const row = await this.contacts.lock(id, audit.actor.userId, em);
      if (!row) throw notFound('Contact');
      const changes: Partial<ContactEntity> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.company !== undefined) changes.company = dto.company;
      if (dto.email !== undefined) changes.email = dto.email;
      if (dto.notes !== undefined) changes.notes = dto.notes;
      const fields = [...Object.keys(changes), ...(numbers ? ['numbers'] : [])];
      if (fields.length === 0) return;
      await this.contacts.update(id, { ...changes, updatedAt: this.clock.now() }, em);
      if (numbers) await this.contacts.replaceNumbers(id, audit.actor.userId, numbers, em);
      await this.activity.record(
        {
          action: 'contact_updated',
          audit,
          entityType: 'contact',
          entityId: id,
          details: { fields: fields.join(', ') },
        },
        em,
      );
    });
    return this.get(id, audit.actor.userId);
  }

  async delete(id: number, audit: AuditContext): Promise<void> {
    this.assertNotSuspended(audit);
    await this.dataSource.transaction(async (em) => {
      const row = await this.contacts.lock(id, audit.actor.userId, em);
      if (!row) throw notFound('Contact');
      await this.contacts.delete(id, em);
      await this.activity.record(
        { action: 'contact_deleted', audit, entityType: 'contact', entityId: id, details: { name: row.name } },
        em,
      );
    });
  }

  /**
   * Imports a CSV: every contact the file names is created in one transaction, or none is (a failure rolls all
   * back); lines already in my contacts (same name and number) are skipped; a refused line takes its contact with it.
   */
  async importCsv(text: string, audit: AuditContext): Promise<ContactImportResultDto> {
    this.assertNotSuspended(audit);
    const parsed = parseContactImport(text);
    const userId = audit.actor.userId;
    const report: ContactImportLine[] = [
      ...parsed.errors.map((e) => ({ ...e, outcome: 'refused' as const, contactId: null })),
      ...parsed.refusedWith.map((e) => ({ ...e, outcome: 'refused' as const, contactId: null })),
      ...parsed.repeats.map((e) => ({ ...e, outcome: 'skipped' as const, contactId: null })),
    ];
    let contactsCreated = 0;
    await this.dataSource.transaction(async (em) => {
      const numbers = parsed.contacts.flatMap((c) => c.lines.flatMap((l) => (l.number ? [l.number.phoneNumber] : [])));
      const existing = await this.contacts.namedNumbersOf(userId, [...new Set(numbers)], em);
      const withoutNumbers = parsed.contacts.filter((c) => c.lines.every((l) => !l.number)).map((c) => c.name);
      const existingNames = await this.contacts.namesOf(userId, [...new Set(withoutNumbers)], em);
      const toCreate = parsed.contacts
        .map((contact) => {
          const fresh = contact.lines.filter(
            (l) => !l.number || !existing.has(`${contact.name.toLowerCase()}\n${l.number.phoneNumber}`),
          );
          for (const l of contact.lines) {
            if (!fresh.includes(l)) {
              report.push({
                line: l.line,
                outcome: 'skipped',
                message: `${contact.name}: ${l.number?.phoneNumber} is already in your contacts`,
                contactId: null,
              });
            }
          }
          // Nothing new: every number is already saved under this name, or a contact of this name without numbers
          // is already there (lines without a number add nothing then).
          const known = fresh.length < contact.lines.length || existingNames.has(contact.name.toLowerCase());
          if (fresh.length === 0 || (known && fresh.every((l) => !l.number))) {
            for (const l of fresh) {
              report.push({
                line: l.line,
                outcome: 'skipped',
                message: `${contact.name} is already in your contacts`,
                contactId: null,
              });
            }
            return null;
          }
          return { ...contact, lines: fresh };
        })
        .filter((c) => c !== null);
      if (toCreate.length === 0) return;
      await this.lockOwnerWithRoom(userId, toCreate.length, em);
      const now = this.clock.now();
      for (const contact of toCreate) {
        const row = await this.contacts.insert(
          {
            userId,
            name: contact.name,
            company: contact.company,
            email: contact.email,
            notes: contact.notes,
            createdAt: now,
            updatedAt: now,
          },
          em,
        );
        await this.contacts.replaceNumbers(
          row.id,
          userId,
          contact.lines.flatMap((l) => (l.number ? [l.number] : [])),
          em,
        );
        contactsCreated += 1;
        for (const l of contact.lines) {
          report.push({
            line: l.line,
            outcome: 'created',
            message: l.number
              ? `${contact.name}: ${l.number.phoneNumber} (${l.number.label})`
              : `${contact.name} (no number)`,
            contactId: row.id,
          });
        }
      }
      await this.activity.record(
        {
          action: 'contacts_imported',
          audit,
          entityType: 'contact',
          details: {
            contactsCreated,
            created: report.filter((l) => l.outcome === 'created').length,
            skipped: report.filter((l) => l.outcome === 'skipped').length,
            refused: report.filter((l) => l.outcome === 'refused').length,
          },
        },
        em,
      );
    });
    report.sort((a, b) => a.line - b.line);
    return {
      created: report.filter((l) => l.outcome === 'created').length,
      contactsCreated,
      skipped: report.filter((l) => l.outcome === 'skipped').length,
      errors: report.filter((l) => l.outcome === 'refused').map(({ line, message }) => ({ line, message })),
      lines: report,
    };
  }

  /** Every contact as CSV: one line per number (a contact without numbers has one line), formula-safe. */
  async exportCsv(userId: number): Promise<string> {
    const rows = await this.contacts.allOf(userId);
    const contacts = await this.withNumbers(rows);
    const records: string[][] = [];
    for (const c of contacts) {
      const numbers = c.numbers.length > 0 ? c.numbers : [null];
      for (const n of numbers) {
        // The number is validated E.164 (its + is no formula), as the calls export writes numbers; user text is
        // neutralised.
        records.push([
          neutraliseFormula(c.name),
          neutraliseFormula(c.company),
          n?.phoneNumber ?? '',
          neutraliseFormula(n?.label),
          neutraliseFormula(c.email),
          neutraliseFormula(c.notes),
        ]);
      }
    }
    return stringify(records, { header: true, columns: [...CONTACT_CSV_COLUMNS] });
  }

  private async withNumbers(rows: ContactEntity[], manager?: EntityManager): Promise<ContactDto[]> {
    const numbers = await this.contacts.numbersOf(
      rows.map((r) => r.id),
      manager,
    );
    return rows.map((row) =>
      toContactDto(
        row,
        numbers.filter((n) => n.contactId === row.id),
      ),
    );
  }

  /** E.164 and a label for each number, each number once; a bad one is a 400 naming `numbers.<i>.phoneNumber`. */
  private normaliseNumbers(input: ContactNumberInputDto[]): NewContactNumber[] {
    const seen = new Set<string>();
    return input.map((n, i) => {
      const phoneNumber = toE164(n.phoneNumber);
      if (!phoneNumber) throw fieldError(`numbers.${i}.phoneNumber`, 'is not a valid phone number');
      if (seen.has(phoneNumber)) throw fieldError(`numbers.${i}.phoneNumber`, `repeats ${phoneNumber}`);
      seen.add(phoneNumber);
      return { label: n.label ?? DEFAULT_CONTACT_NUMBER_LABEL, phoneNumber };
    });
  }

  /** Serialises the owner's writes (row lock) and keeps the per-user limit. */
  private async lockOwnerWithRoom(userId: number, adding: number, em: EntityManager): Promise<void> {
    await this.users.lock(userId, 'write', em);
    const count = await this.contacts.countOf(userId, em);
    if (count + adding > CONTACT_LIMITS.contactsPerUser) {
      throw conflict(
        `You have ${count} contacts; at most ${CONTACT_LIMITS.contactsPerUser} can be kept` +
          (adding > 1 ? ` (this import would add ${adding})` : ''),
      );
    }
  }

  private assertNotSuspended(audit: AuditContext): void {
    if (audit.actor.status === 'suspended') throw forbidden('Your account is suspended');
  }
}
