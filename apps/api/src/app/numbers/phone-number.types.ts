import type { NumberStatus, NumberType, UserRef } from '@hh/contracts';
import type { PhoneNumberEntity } from './phone-number.entity';

/** A number with its owner's row joined on (the admin inventory shows the owner's name and email). */
export type PhoneNumberWithOwner = PhoneNumberEntity & { owner?: UserRef | null };

export interface InventoryFilter {
  /** Digits of the number (when `digits` is set) or part of the friendly name. */
  name?: string;
  digits?: string;
  status?: NumberStatus;
  numberType?: NumberType;
  ownerId?: number;
}

/** What a number request asks for, as the best-match ranking reads it. */
export interface NumberWish {
  /** Three digits, or null for any area code. */
  areaCode: string | null;
  numberType: NumberType;
}

/** A new number: recordCalls is off unless said otherwise. */
export type NewPhoneNumber = Omit<PhoneNumberEntity, 'id' | 'recordCalls'> & { recordCalls?: boolean };

export type PhoneNumberChanges = Partial<
  Pick<
    PhoneNumberEntity,
    | 'ownerId'
    | 'status'
    | 'assignedDate'
    | 'friendlyName'
    | 'monthlyCost'
    | 'locationCity'
    | 'locationState'
    | 'locationCountry'
    | 'numberType'
    | 'recordCalls'
  >
>;
