import type { Call, Paginated, PhoneNumber } from '@hh/contracts';

/** Test data only: a call as the API returns it. */
export function aCall(overrides: Partial<Call> = {}): Call {
  return {
    id: 1,
    userId: 7,
    fromNumber: '+19095550100',
    toNumber: '+19096874971',
    direction: 'outbound',
    status: 'completed',
    durationSeconds: 154,
    startTime: '2026-11-24T10:15:00.000Z',
    endTime: '2026-11-24T10:17:34.000Z',
    callSid: 'MOCK0123456789abcdef0123456789abcdef',
    recordingUrl: null,
    cost: 0.06,
    notes: null,
    ...overrides,
  };
}

export function aPhoneNumber(overrides: Partial<PhoneNumber> = {}): PhoneNumber {
  return {
    id: 11,
    phoneNumber: '+19095550100',
    friendlyName: 'Main line',
    locationCity: 'Ontario',
    locationState: 'CA',
    locationCountry: 'US',
    ownerId: 7,
    status: 'assigned',
    numberType: 'local',
    monthlyCost: 1.5,
    provider: 'mock',
    assignedDate: '2026-11-20T10:00:00.000Z',
    createdAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

export function aPage<T>(data: T[], page = 1, pageSize = 25, total = data.length): Paginated<T> {
  return { data, meta: { page, pageSize, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) } };
}
