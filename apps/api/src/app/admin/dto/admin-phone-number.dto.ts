import { ApiProperty } from '@nestjs/swagger';
import type { AdminPhoneNumber } from '@hh/contracts';
import { PhoneNumberDto, toPhoneNumberDto } from '../../numbers/dto/phone-number.dto';
import type { PhoneNumberWithOwner } from '../../numbers/phone-number.types';
import { toUserRef, UserRefDto } from './user-ref.dto';

export class AdminPhoneNumberDto extends PhoneNumberDto implements AdminPhoneNumber {
  @ApiProperty({ type: UserRefDto, nullable: true, description: 'Who holds the number (ownerId); null when unowned' })
  owner!: UserRefDto | null;
}

export function toAdminPhoneNumberDto(row: PhoneNumberWithOwner): AdminPhoneNumberDto {
  return { ...toPhoneNumberDto(row), owner: row.ownerId === null ? null : toUserRef(row.owner) };
}
