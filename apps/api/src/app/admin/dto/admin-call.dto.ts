import { ApiProperty } from '@nestjs/swagger';
import type { AdminCall } from '@hh/contracts';
import type { CallEntity } from '../../calls/call.entity';
import { CallDto, toCallDto } from '../../calls/dto/call.dto';
import type { UserEntity } from '../../users/user.entity';
import { toUserRef, UserRefDto } from './user-ref.dto';

/** A CallEntity with its caller joined on (leftJoinAndMapOne('call.user', …)). */
export type CallWithUser = CallEntity & { user?: UserEntity | null };

export class AdminCallDto extends CallDto implements AdminCall {
  @ApiProperty({ type: UserRefDto, nullable: true, description: 'Whose call it is (userId)' })
  user!: UserRefDto | null;
}

export function toAdminCallDto(row: CallWithUser): AdminCallDto {
  return { ...toCallDto(row), user: toUserRef(row.user) };
}
