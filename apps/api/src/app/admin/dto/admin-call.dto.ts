import { ApiProperty } from '@nestjs/swagger';
import type { AdminCall } from '@hh/contracts';
import type { CallWithCaller } from '../../calls/call.types';
import { CallDto, toCallDto } from '../../calls/dto/call.dto';
import { toUserRef, UserRefDto } from './user-ref.dto';

export class AdminCallDto extends CallDto implements AdminCall {
  @ApiProperty({ type: UserRefDto, nullable: true, description: 'Whose call it is (userId)' })
  user!: UserRefDto | null;
}

export function toAdminCallDto(row: CallWithCaller): AdminCallDto {
  return { ...toCallDto(row), user: toUserRef(row.user) };
}
