import { FormControl } from '@angular/forms';
import { createApiKeyBody, earliestExpiryDate, endOfDayUtc, futureExpiryDate } from './api-key-form';

describe('API key form rules', () => {
  it('turns a picked date into the end of that day in UTC', () => {
    expect(endOfDayUtc('2027-06-30')).toBe('2027-06-30T23:59:59.999Z');
    expect(endOfDayUtc('2028-02-29')).toBe('2028-02-29T23:59:59.999Z');
    expect(endOfDayUtc('2027-02-29')).toBeNull();
    expect(endOfDayUtc('30/06/2027')).toBeNull();
  });

  it('accepts today (UTC), whose end is still ahead, but not yesterday', () => {
    const now = new Date('2026-11-24T23:30:00.000Z');
    const rule = futureExpiryDate(() => now);
    expect(earliestExpiryDate(now)).toBe('2026-11-24');
    expect(rule(new FormControl(''))).toBeNull();
    expect(rule(new FormControl('2026-11-24'))).toBeNull();
    expect(rule(new FormControl('2026-11-23'))).toEqual({ expiryDate: 'The expiry date must be in the future.' });
    expect(rule(new FormControl('2026-13-01'))).toEqual({ expiryDate: 'Enter a valid date.' });
  });

  it('sends a trimmed name and the expiry only when given', () => {
    expect(createApiKeyBody({ keyName: '  ', expiresAt: '' })).toEqual({});
    expect(createApiKeyBody({ keyName: ' CRM ', expiresAt: '2027-06-30' })).toEqual({
      keyName: 'CRM',
      expiresAt: '2027-06-30T23:59:59.999Z',
    });
  });
});
