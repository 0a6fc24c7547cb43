import { Paginated, PAGE_MAX, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '@hh/contracts';
import { IntQuery } from './integer-query';

/** `?page=1&pageSize=25` of every list (page at most 1,000,000, pageSize at most 100; beyond is a 400). */
export class PageQueryDto {
  @IntQuery({ min: 1, max: PAGE_MAX, default: 1, example: 1 })
  page?: number;

  @IntQuery({ min: 1, max: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT, example: 25 })
  pageSize?: number;
}

export function pageWindow(query: PageQueryDto): { page: number; pageSize: number; offset: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? PAGE_SIZE_DEFAULT;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function paginated<T>(data: T[], total: number, page: number, pageSize: number): Paginated<T> {
  return { data, meta: { page, pageSize, total, totalPages: Math.ceil(total / pageSize) } };
}
