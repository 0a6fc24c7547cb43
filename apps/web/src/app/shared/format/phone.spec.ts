import {
  dialableCharacters,
  formatAsTyped,
  formatPhoneNumber,
  phoneSearchDigits,
  toDialTarget,
  toPossibleE164,
} from './phone';

describe('phone formatting', () => {
  it('keeps only what a dial pad can send, with a + only in front', () => {
    expect(dialableCharacters('+1 (909) 687-4971')).toBe('+19096874971');
    expect(dialableCharacters('tel:909.687.4971')).toBe('9096874971');
    expect(dialableCharacters('*67 909 687 4971#')).toBe('*679096874971#');
    expect(dialableCharacters('909+687')).toBe('909687');
    expect(dialableCharacters('call me')).toBe('');
  });

  it('formats a US number while it is typed', () => {
    expect(formatAsTyped('909')).toBe('(909)');
    expect(formatAsTyped('9096874')).toBe('(909) 687-4');
    expect(formatAsTyped('9096874971')).toBe('(909) 687-4971');
    expect(formatAsTyped('+442071838750')).toBe('+44 20 7183 8750');
    expect(formatAsTyped('*67')).toBe('*67');
    expect(formatAsTyped('')).toBe('');
  });

  it('shows stored numbers nationally in North America and internationally elsewhere', () => {
    expect(formatPhoneNumber('+19096874971')).toBe('(909) 687-4971');
    expect(formatPhoneNumber('+15005550004')).toBe('(500) 555-0004');
    expect(formatPhoneNumber('+442071838750')).toBe('+44 20 7183 8750');
    expect(formatPhoneNumber('not a number')).toBe('not a number');
    expect(formatPhoneNumber(null)).toBe('');
  });

  it('dials E.164 when the length is plausible and leaves the verdict on anything else to the API', () => {
    expect(toDialTarget('9096874971')).toBe('+19096874971');
    expect(toDialTarget('+15005550001')).toBe('+15005550001');
    expect(toDialTarget('909687')).toBe('909687');
    expect(toDialTarget('*67')).toBe('*67');
  });

  it('searches by digits', () => {
    expect(phoneSearchDigits('(909) 687-')).toBe('909687');
  });
});

describe('toPossibleE164', () => {
  it('normalises national and E.164 input', () => {
    expect(toPossibleE164('(909) 555-0142')).toBe('+19095550142');
    expect(toPossibleE164(' +1 909 687 4971 ')).toBe('+19096874971');
  });

  it('refuses text and impossible lengths', () => {
    expect(toPossibleE164('555')).toBeNull();
    expect(toPossibleE164('call me')).toBeNull();
    expect(toPossibleE164('')).toBeNull();
  });
});
