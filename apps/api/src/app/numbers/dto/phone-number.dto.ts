import { ApiProperty } from '@nestjs/swagger';
import { NUMBER_STATUSES, NUMBER_TYPES, NumberStatus, NumberType, PhoneNumber } from '@hh/contracts';
import type { PhoneNumberEntity } from '../phone-number.entity';

export class PhoneNumberDto implements PhoneNumber {
  @ApiProperty({ example: 7 }) id!: number;
  @ApiProperty({ example: '+19095550100', description: 'E.164' }) phoneNumber!: string;
  @ApiProperty({ example: 'Front desk', nullable: true, type: String }) friendlyName!: string | null;
  @ApiProperty({ example: 'Riverside', nullable: true, type: String }) locationCity!: string | null;
  @ApiProperty({ example: 'CA', nullable: true, type: String }) locationState!: string | null;
  @ApiProperty({ example: 'US', nullable: true, type: String }) locationCountry!: string | null;
  @ApiProperty({ example: 42, nullable: true, type: Number }) ownerId!: number | null;
  @ApiProperty({ enum: NUMBER_STATUSES, example: 'assigned' }) status!: NumberStatus;
  @ApiProperty({ enum: NUMBER_TYPES, example: 'local' }) numberType!: NumberType;
  @ApiProperty({ example: 1.5 }) monthlyCost!: number;
  @ApiProperty({ example: 'mock' }) provider!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) assignedDate!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  @ApiProperty({
    example: false,
    description: 'Calls from (outbound) and to (inbound) this number are recorded, and the parties told so',
  })
  recordCalls!: boolean;
}

export function toPhoneNumberDto(row: PhoneNumberEntity): PhoneNumberDto {
  return {
    id: row.id,
    phoneNumber: row.phoneNumber,
    friendlyName: row.friendlyName,
    locationCity: row.locationCity,
    locationState: row.locationState,
    locationCountry: row.locationCountry,
    ownerId: row.ownerId,
    status: row.status,
    numberType: row.numberType,
    monthlyCost: Number(row.monthlyCost),
    provider: row.provider,
    assignedDate: row.assignedDate ? row.assignedDate.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    recordCalls: Boolean(row.recordCalls),
  };
}
