import { ApiProperty } from '@nestjs/swagger';
import type { PageMeta } from '@hh/contracts';

export class PageMetaDto implements PageMeta {
  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 25 })
  pageSize!: number;

  @ApiProperty({ example: 120 })
  total!: number;

  @ApiProperty({ example: 5 })
  totalPages!: number;
}
