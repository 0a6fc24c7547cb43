import { ApiProperty } from '@nestjs/swagger';
import type { AdminPhoneNumber } from '@hh/contracts';
import { PhoneNumberDto, toPhoneNumberDto } from '../../numbers/dto/phone-number.dto';
import type { PhoneNumberEntity } from '../../numbers/phone-number.entity';
import type { UserEntity } from '../../users/user.entity';
import { toUserRef, UserRefDto } from './user-ref.dto';

/** A PhoneNumberEntity with its owner joined on (leftJoinAndMapOne('n.owner', …)). */
export type PhoneNumberWithOwner = PhoneNumberEntity & { owner?: UserEntity | null };

export class AdminPhoneNumberDto extends PhoneNumberDto implements AdminPhoneNumber {
  @ApiProperty({ type: UserRefDto, nullable: true, description: 'Who holds the number (ownerId); null when unowned' })
  owner!: UserRefDto | null;
}

export function toAdminPhoneNumberDto(row: PhoneNumberWithOwner): AdminPhoneNumberDto {
  return { ...toPhoneNumberDto(row), owner: row.ownerId === null ? null : toUserRef(row.owner) };
}
