import { dialStringFromQuery } from './dialer-page.component';

describe('dialStringFromQuery (the dialer’s ?number= and ?to=)', () => {
  it('reads a number in any format, and a "+" the router decoded as a space', () => {
    expect(dialStringFromQuery('+15005550004')).toBe('+15005550004');
    expect(dialStringFromQuery(' 15005550004')).toBe('+15005550004');
    expect(dialStringFromQuery('(909) 555-0142')).toBe('9095550142');
    expect(dialStringFromQuery(undefined)).toBe('');
    expect(dialStringFromQuery('')).toBe('');
  });

  it('takes the number of a tel: URI, without its parameters', () => {
    expect(dialStringFromQuery('tel:+15005550004')).toBe('+15005550004');
    expect(dialStringFromQuery('TEL:+1-909-555-0142')).toBe('+19095550142');
    expect(dialStringFromQuery('tel:+19095550142;ext=12')).toBe('+19095550142');
    expect(dialStringFromQuery('tel:909.555.0142;phone-context=example.com')).toBe('9095550142');
  });

  it('keeps at most the longest dial string', () => {
    expect(dialStringFromQuery('1'.repeat(80))).toHaveLength(32);
  });
});
