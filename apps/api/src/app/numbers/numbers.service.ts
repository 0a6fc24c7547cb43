import { Injectable } from '@nestjs/common';
import type { Paginated } from '@hh/contracts';
import { notFound } from '../../common/errors/problem.exception';
import { PageQueryDto, paginated, pageWindow } from '../../common/http/pagination';
import { PhoneNumberDto, toPhoneNumberDto } from './dto/phone-number.dto';
import { PhoneNumberRepository } from './phone-number.repository';

/** A client's own numbers: the ones assigned to them. */
@Injectable()
export class NumbersService {
  constructor(private readonly numbers: PhoneNumberRepository) {}

  async listMine(userId: number, query: PageQueryDto): Promise<Paginated<PhoneNumberDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.numbers.listAssignedTo(userId, offset, pageSize);
    return paginated(rows.map(toPhoneNumberDto), total, page, pageSize);
  }

  async renameMine(userId: number, id: number, friendlyName: string | null): Promise<PhoneNumberDto> {
    const row = await this.numbers.findAssignedTo(id, userId);
    if (!row) throw notFound('Phone number');
    row.friendlyName = friendlyName || null;
    await this.numbers.update(id, { friendlyName: row.friendlyName });
    return toPhoneNumberDto(row);
  }
}
