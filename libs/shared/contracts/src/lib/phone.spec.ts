import { formatPhoneNumber, toE164 } from './phone';

describe('toE164', () => {
  it.each([
    ['+19096874971', '+19096874971'],
    ['909-687-4971', '+19096874971'],
    ['(909) 687-4971', '+19096874971'],
    [' +1 909 687 4971 ', '+19096874971'],
    ['+15005550004', '+15005550004'],
    ['+44 20 7183 8750', '+442071838750'],
  ])('normalises %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each(['555-1234', '12345', 'call me', '', '+1 909 687 4971 ext 5; DROP TABLE', '1'.repeat(40)])(
    'refuses %s',
    (input) => {
      expect(toE164(input)).toBeNull();
    },
  );
});

describe('formatPhoneNumber', () => {
  it('formats US numbers nationally and others internationally', () => {
    expect(formatPhoneNumber('+19096874971')).toBe('(909) 687-4971');
    expect(formatPhoneNumber('+442071838750')).toBe('+44 20 7183 8750');
  });
});
