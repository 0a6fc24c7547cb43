import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Paginated } from '@hh/contracts';
import { notFound } from '../../common/errors/problem.exception';
import { PageQueryDto, paginated, pageWindow } from '../../common/http/pagination';
import { PhoneNumberDto, toPhoneNumberDto } from './dto/phone-number.dto';
import { PhoneNumberEntity } from './phone-number.entity';

/** A client's own numbers: the ones assigned to them. */
@Injectable()
export class NumbersService {
  constructor(@InjectRepository(PhoneNumberEntity) private readonly numbers: Repository<PhoneNumberEntity>) {}

  async listMine(userId: number, query: PageQueryDto): Promise<Paginated<PhoneNumberDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.numbers.findAndCount({
      where: { ownerId: userId, status: 'assigned' },
      order: { assignedDate: 'ASC', id: 'ASC' },
      skip: offset,
      take: pageSize,
    });
    return paginated(rows.map(toPhoneNumberDto), total, page, pageSize);
  }

  async renameMine(userId: number, id: number, friendlyName: string | null): Promise<PhoneNumberDto> {
    const row = await this.numbers.findOneBy({ id, ownerId: userId, status: 'assigned' });
    if (!row) throw notFound('Phone number');
    row.friendlyName = friendlyName || null;
    await this.numbers.update({ id }, { friendlyName: row.friendlyName });
    return toPhoneNumberDto(row);
  }
}
