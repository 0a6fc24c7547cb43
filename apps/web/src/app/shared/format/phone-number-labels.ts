import type { NumberStatus, NumberType, PhoneNumber } from '@hh/contracts';

/** Number types as people say them, for cards, pickers and requests. */
export const NUMBER_TYPE_LABELS: Readonly<Record<NumberType, string>> = {
  local: 'Local',
  toll_free: 'Toll-free',
  mobile: 'Mobile',
};

export const NUMBER_STATUS_LABELS: Readonly<Record<NumberStatus, string>> = {
  available: 'Available',
  assigned: 'Assigned',
  pending: 'Pending',
  suspended: 'Suspended',
};

/** The colour of a number's status pill (the global `.tone-*` classes): green in service, red suspended. */
export function numberStatusTone(status: NumberStatus): 'success' | 'active' | 'danger' | 'neutral' {
  switch (status) {
    case 'assigned':
      return 'success';
    case 'pending':
      return 'active';
    case 'suspended':
      return 'danger';
    default:
      return 'neutral';
  }
}

/** "Ontario, CA, US"; whatever parts are known, or null when none is. */
export function numberLocation(number: Pick<PhoneNumber, 'locationCity' | 'locationState' | 'locationCountry'>) {
  const parts = [number.locationCity, number.locationState, number.locationCountry]
    .map((part) => part?.trim())
    .filter((part): part is string => !!part);
  return parts.length ? parts.join(', ') : null;
}
