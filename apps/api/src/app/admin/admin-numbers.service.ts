import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NumberImportLine, NumberImportResult, Paginated, toE164 } from '@hh/contracts';
import type { AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import { isDuplicateEntry } from '../../common/errors/database-errors';
import { badRequest, conflict, fieldError } from '../../common/errors/problem.exception';
import { paginated, pageWindow } from '../../common/http/pagination';
import { ActivityDetails } from '../activity/activity-log.entity';
import { ActivityService } from '../activity/activity.service';
import { toPhoneNumberDto } from '../numbers/dto/phone-number.dto';
import type { PhoneNumberEntity } from '../numbers/phone-number.entity';
import { NumbersService } from '../numbers/numbers.service';
import type { NewPhoneNumber, PhoneNumberChanges } from '../numbers/phone-number.types';
import { UsersService } from '../users/users.service';
import { AdminPhoneNumberDto, toAdminPhoneNumberDto } from './dto/admin-phone-number.dto';
import { CreateNumberDto, ListNumbersQueryDto, UpdateNumberDto } from './dto/admin-number.dto';
import { NumberAssignmentService } from './number-assignment.service';
import { ImportRow, parseNumberImport } from './number-import';

/** Rows written per INSERT (and per transaction) by the CSV import. */
const IMPORT_BATCH = 500;
/** q searches the digits of the number when it looks like (part of) a phone number. */
const PHONE_LIKE = /^[\d\s()+.-]+$/;

type EditableField =
  | 'friendlyName'
  | 'monthlyCost'
  | 'locationCity'
  | 'locationState'
  | 'locationCountry'
  | 'numberType'
  | 'recordCalls';
const EDITABLE: EditableField[] = [
  'friendlyName',
  'monthlyCost',
  'locationCity',
  'locationState',
  'locationCountry',
  'numberType',
  'recordCalls',
];

/** The number inventory (admin): list, create, CSV import, edit, assign and release, delete. */
@Injectable()
export class AdminNumbersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly assignment: NumberAssignmentService,
    private readonly numbers: NumbersService,
    private readonly users: UsersService,
  ) {}

  /** One query: each row carries its owner's name and email (the console shows them). */
  async list(query: ListNumbersQueryDto): Promise<Paginated<AdminPhoneNumberDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const digits = query.q?.replace(/\D/g, '');
    const [rows, total] = await this.numbers.inventory(
      {
        name: query.q || undefined,
        digits: query.q && PHONE_LIKE.test(query.q) && digits ? digits : undefined,
        status: query.status,
        numberType: query.numberType,
        ownerId: query.ownerId,
      },
      offset,
      pageSize,
    );
    return paginated(rows.map(toAdminPhoneNumberDto), total, page, pageSize);
  }

  async create(dto: CreateNumberDto, audit: AuditContext): Promise<AdminPhoneNumberDto> {
    const phoneNumber = toE164(dto.phoneNumber);
    if (!phoneNumber)
      throw fieldError('phoneNumber', 'must be a valid phone number, e.g. +19095550142 or (909) 555-0142');
    const row = await this.dataSource.transaction(async (em) => {
      const row: NewPhoneNumber = {
        phoneNumber,
        friendlyName: dto.friendlyName || null,
        locationCity: dto.locationCity || null,
        locationState: dto.locationState || null,
        locationCountry: dto.locationCountry ?? 'US',
        ownerId: null,
        status: 'available',
        numberType: dto.numberType ?? 'local',
        monthlyCost: dto.monthlyCost ?? 0,
        provider: 'mock',
        providerSid: null,
        assignedDate: null,
        createdAt: this.clock.now(),
      };
      let entity: PhoneNumberEntity;
      try {
        entity = await this.numbers.add(row, em);
      } catch (error) {
        if (isDuplicateEntry(error)) {
          throw conflict(`${phoneNumber} is already in the inventory`, [
            { field: 'phoneNumber', message: 'already exists' },
          ]);
        }
        throw error;
      }
      await this.activity.record(
        {
          action: 'number_created',
          audit,
          entityType: 'phone_number',
          entityId: entity.id,
          details: { phoneNumber, numberType: entity.numberType },
        },
        em,
      );
      return entity;
    });
    return { ...toPhoneNumberDto(row), owner: null };
  }

  /**
   * Imports a CSV of numbers: invalid rows are reported, numbers already in stock (or repeated in the file) are
   * skipped, and the rest are inserted in batches of 500, one transaction each.
   */
  async importCsv(text: string, audit: AuditContext): Promise<NumberImportResult> {
    const parsed = parseNumberImport(text);
    const skippedRows: NumberImportLine[] = [...parsed.skippedRows];
    let created = 0;
    for (let start = 0; start < parsed.rows.length; start += IMPORT_BATCH) {
      const batch = parsed.rows.slice(start, start + IMPORT_BATCH);
      const outcome = await this.insertBatch(batch);
      created += outcome.created;
      skippedRows.push(...outcome.skippedRows);
    }
    skippedRows.sort((a, b) => a.line - b.line);
    const result: NumberImportResult = {
      created,
      skipped: skippedRows.length,
      errors: parsed.errors,
      skippedRows,
    };
    await this.activity.record({
      action: 'numbers_imported',
      audit,
      entityType: 'phone_number',
      details: { created, skipped: result.skipped, errors: result.errors.length },
    });
    return result;
  }

  /** One batch in one transaction; a number another admin inserted meanwhile makes the batch start over. */
  private async insertBatch(batch: ImportRow[]): Promise<{ created: number; skippedRows: NumberImportLine[] }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (em) => {
          const now = this.clock.now();
          const taken = await this.numbers.addMissing(
            batch.map((row) => ({
              phoneNumber: row.phoneNumber,
              friendlyName: row.friendlyName,
              locationCity: row.locationCity,
              locationState: row.locationState,
              locationCountry: row.locationCountry,
              ownerId: null,
              status: 'available' as const,
              numberType: row.numberType,
              monthlyCost: row.monthlyCost,
              provider: 'mock',
              providerSid: null,
              assignedDate: null,
              createdAt: now,
            })),
            em,
          );
          const skipped = batch.filter((row) => taken.has(row.phoneNumber));
          return {
            created: batch.length - skipped.length,
            skippedRows: skipped.map((row) => ({ line: row.line, message: `${row.phoneNumber} already exists` })),
          };
        });
      } catch (error) {
        if (!isDuplicateEntry(error) || attempt >= 3) throw error;
      }
    }
  }

  /** Answers the number as the inventory lists it, with its owner, so the console can show the row as saved. */
  async update(id: number, dto: UpdateNumberDto, audit: AuditContext): Promise<AdminPhoneNumberDto> {
    const changesAnything =
      dto.ownerId !== undefined || dto.status !== undefined || EDITABLE.some((f) => dto[f] !== undefined);
    if (!changesAnything) {
      throw badRequest(`Send at least one of ownerId, status, ${EDITABLE.join(', ')}`);
    }
    const row = await this.dataSource.transaction(async (em) => {
      const number = await this.assignment.lockNumber(em, id);
      await this.applyOwnership(em, number, dto, audit);
      await this.applyEdits(em, number, dto, audit);
      return number;
    });
    const owner = row.ownerId === null ? null : (await this.users.namesOf([row.ownerId])).get(row.ownerId);
    return toAdminPhoneNumberDto({ ...row, owner });
  }

  /** ownerId and status, keeping "assigned if and only if owned". */
  private async applyOwnership(
    em: EntityManager,
    number: PhoneNumberEntity,
    dto: UpdateNumberDto,
    audit: AuditContext,
  ): Promise<void> {
    if (dto.ownerId === null && number.ownerId !== null) await this.assignment.release(em, number, audit);
    if (dto.ownerId !== undefined && dto.ownerId !== null && dto.ownerId !== number.ownerId) {
      if (dto.status !== undefined && dto.status !== 'assigned') {
        throw badRequest(`A number given to a user is assigned; status ${dto.status} cannot go with an ownerId`);
      }
      await this.assignment.assign(em, number, dto.ownerId, audit);
    }
    if (dto.status === undefined || dto.status === number.status) return;
    if (dto.status === 'assigned') {
      throw badRequest('Assign a number by sending ownerId (the user to give it to), not status alone');
    }
    if (number.ownerId !== null) {
      throw conflict(
        `${number.phoneNumber} is assigned to user ${number.ownerId}; release it (ownerId: null) before making it ${dto.status}`,
      );
    }
    const from = number.status;
    number.status = dto.status;
    await this.numbers.update(number.id, { status: dto.status }, em);
    await this.activity.record(
      {
        action: 'number_updated',
        audit,
        entityType: 'phone_number',
        entityId: number.id,
        details: { phoneNumber: number.phoneNumber, field: 'status', from, to: dto.status },
      },
      em,
    );
  }

  private async applyEdits(em: EntityManager, number: PhoneNumberEntity, dto: UpdateNumberDto, audit: AuditContext) {
    const changes: PhoneNumberChanges = {};
    const details: ActivityDetails = { phoneNumber: number.phoneNumber };
    for (const field of EDITABLE) {
      const value = dto[field];
      if (value === undefined) continue;
      // Text fields: null or blank clears them; monthlyCost and numberType always have a value.
      const next = typeof value === 'string' && field !== 'numberType' ? value || null : value;
      if (next === number[field]) continue;
      Object.assign(changes, { [field]: next });
      details[field] = next;
    }
    if (Object.keys(changes).length === 0) return;
    Object.assign(number, changes);
    await this.numbers.update(number.id, changes, em);
    await this.activity.record(
      {
        action: 'number_updated',
        audit,
        entityType: 'phone_number',
        entityId: number.id,
        details,
      },
      em,
    );
  }

  /** Deletes a number nobody holds; an assigned number is a 409 (release it first). */
  async remove(id: number, audit: AuditContext): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const number = await this.assignment.lockNumber(em, id);
      if (number.ownerId !== null) {
        throw conflict(`${number.phoneNumber} is assigned to user ${number.ownerId}; release it before deleting it`);
      }
      await this.numbers.delete(id, em);
      await this.activity.record(
        {
          action: 'number_deleted',
          audit,
          entityType: 'phone_number',
          entityId: id,
          details: { phoneNumber: number.phoneNumber },
        },
        em,
      );
    });
  }
}
