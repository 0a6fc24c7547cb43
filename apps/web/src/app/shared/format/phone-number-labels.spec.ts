import { NUMBER_TYPES } from '@hh/contracts';
import { NUMBER_TYPE_LABELS, numberLocation, numberStatusTone } from './phone-number-labels';

describe('phone number labels', () => {
  it('names every number type', () => {
    expect(NUMBER_TYPES.map((type) => NUMBER_TYPE_LABELS[type])).toEqual(['Local', 'Toll-free', 'Mobile']);
  });

  it('colours a number in service green and a suspended one red', () => {
    expect(numberStatusTone('assigned')).toBe('success');
    expect(numberStatusTone('pending')).toBe('active');
    expect(numberStatusTone('suspended')).toBe('danger');
    expect(numberStatusTone('available')).toBe('neutral');
  });

  it('joins the known parts of a location', () => {
    expect(numberLocation({ locationCity: 'Ontario', locationState: 'CA', locationCountry: 'US' })).toBe(
      'Ontario, CA, US',
    );
    expect(numberLocation({ locationCity: null, locationState: ' ', locationCountry: 'US' })).toBe('US');
    expect(numberLocation({ locationCity: null, locationState: null, locationCountry: null })).toBeNull();
  });
});
