import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CONTACT_LIMITS,
  Contact,
  ContactDirectoryEntry,
  ContactImportLine,
  ContactImportOutcome,
  ContactImportResult,
  ContactInput,
  ContactNumber,
  DEFAULT_CONTACT_NUMBER_LABEL,
  LIMITS,
} from '@hh/contracts';
import { PageQueryDto } from '../../../common/http/pagination';
import { trimString } from '../../../common/http/transforms';

/** Blank optional text is no text: "" and "   " are stored as null. */
const trimToNull = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

export class ContactNumberDto implements ContactNumber {
  @ApiProperty({ example: 'mobile', maxLength: CONTACT_LIMITS.labelMaxLength })
  label!: string;

  @ApiProperty({ example: '+19095550142', description: 'E.164' })
  phoneNumber!: string;
}

export class ContactDto implements Contact {
  @ApiProperty({ example: 12 }) id!: number;
  @ApiProperty({ example: 'Dana Whitfield' }) name!: string;
  @ApiProperty({ example: 'Acme Roofing', nullable: true, type: String }) company!: string | null;
  @ApiProperty({ type: [ContactNumberDto] }) numbers!: ContactNumberDto[];
  @ApiProperty({ example: 'dana@acme-roofing.example', nullable: true, type: String }) email!: string | null;
  @ApiProperty({ example: 'Prefers mornings', nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ContactNumberInputDto {
  @ApiPropertyOptional({
    example: 'mobile',
    maxLength: CONTACT_LIMITS.labelMaxLength,
    description: `Free text such as mobile, work, home; default ${DEFAULT_CONTACT_NUMBER_LABEL}`,
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, CONTACT_LIMITS.labelMaxLength)
  label?: string;

  @ApiProperty({ example: '(909) 555-0142', description: 'E.164 or a national US format; stored in E.164' })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  phoneNumber!: string;
}

export class CreateContactDto implements ContactInput {
  @ApiProperty({ example: 'Dana Whitfield', maxLength: CONTACT_LIMITS.nameMaxLength })
  @Transform(trimString)
  @IsString()
  @Length(1, CONTACT_LIMITS.nameMaxLength)
  name!: string;

  @ApiPropertyOptional({ example: 'Acme Roofing', maxLength: CONTACT_LIMITS.companyMaxLength, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @ValidateIf((_dto, value) => value !== null)
  @IsString()
  @MaxLength(CONTACT_LIMITS.companyMaxLength)
  company?: string | null;

  @ApiPropertyOptional({
    type: [ContactNumberInputDto],
    description: `At most ${CONTACT_LIMITS.numbersPerContact}; a number once per contact`,
  })
  // null is not a list: a 400 rather than "no numbers".
  @ValidateIf((_dto, value) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(CONTACT_LIMITS.numbersPerContact)
  @ValidateNested({ each: true })
  @Type(() => ContactNumberInputDto)
  numbers?: ContactNumberInputDto[];

  @ApiPropertyOptional({
    example: 'dana@acme-roofing.example',
    maxLength: CONTACT_LIMITS.emailMaxLength,
    nullable: true,
  })
  @IsOptional()
  @Transform(trimToNull)
  @ValidateIf((_dto, value) => value !== null)
  @IsString()
  @MaxLength(CONTACT_LIMITS.emailMaxLength)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({ example: 'Prefers mornings', maxLength: LIMITS.textMaxLength, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @ValidateIf((_dto, value) => value !== null)
  @IsString()
  @MaxLength(LIMITS.textMaxLength)
  notes?: string | null;
}

/** PATCH: any of the fields; `numbers`, when sent, replaces the list; null clears company, email or notes. */
export class UpdateContactDto extends PartialType(OmitType(CreateContactDto, ['name'] as const)) {
  @ApiPropertyOptional({ example: 'Dana Whitfield', maxLength: CONTACT_LIMITS.nameMaxLength })
  // null is not a name: validated whenever present.
  @ValidateIf((_dto, value) => value !== undefined)
  @Transform(trimString)
  @IsString()
  @Length(1, CONTACT_LIMITS.nameMaxLength)
  name?: string;
}

export class ContactSearchDto {
  @ApiPropertyOptional({
    example: '909 555',
    maxLength: 100,
    description:
      'Words found in the name or company, or digits found in one of the numbers however they are typed ' +
      '("(909) 555-01" finds +19095550142)',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ListContactsQueryDto extends IntersectionType(ContactSearchDto, PageQueryDto) {}

export class ContactDirectoryEntryDto implements ContactDirectoryEntry {
  @ApiProperty({ example: '+19095550142' }) phoneNumber!: string;
  @ApiProperty({ example: 'mobile' }) label!: string;
  @ApiProperty({ example: 12 }) contactId!: number;
  @ApiProperty({ example: 'Dana Whitfield' }) name!: string;
  @ApiProperty({ example: 'Acme Roofing', nullable: true, type: String }) company!: string | null;
}

export class ContactImportErrorDto {
  @ApiProperty({ example: 3, description: 'The line of the file (the header is line 1)' }) line!: number;
  @ApiProperty({ example: 'phoneNumber "555" is not a valid phone number' }) message!: string;
}

export class ContactImportLineDto implements ContactImportLine {
  @ApiProperty({ example: 2 }) line!: number;
  @ApiProperty({ enum: ['created', 'skipped', 'refused'], example: 'created' }) outcome!: ContactImportOutcome;
  @ApiProperty({ example: 'Dana Whitfield: +19095550142 (mobile)' }) message!: string;
  @ApiProperty({ nullable: true, type: Number, example: 12 }) contactId!: number | null;
}

export class ContactImportResultDto implements ContactImportResult {
  @ApiProperty({ example: 4, description: 'Lines saved' }) created!: number;
  @ApiProperty({ example: 3 }) contactsCreated!: number;
  @ApiProperty({ example: 1, description: 'Lines already in your contacts or repeating an earlier line' })
  skipped!: number;
  @ApiProperty({ type: [ContactImportErrorDto] }) errors!: ContactImportErrorDto[];
  @ApiProperty({ type: [ContactImportLineDto], description: 'Every data line of the file, in order' })
  lines!: ContactImportLineDto[];
}
