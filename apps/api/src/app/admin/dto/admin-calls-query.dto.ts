import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ListCallsQueryDto } from '../../calls/dto/call-requests.dto';

/** GET /admin/calls: the filters of GET /calls plus the user whose calls to show. */
export class AdminListCallsQueryDto extends ListCallsQueryDto {
  @ApiPropertyOptional({ example: 42, description: 'Only this user’s calls; all users when absent' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  userId?: number;
}
