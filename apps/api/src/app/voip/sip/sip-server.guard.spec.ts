import { normalizeAddress, sameSecret } from './sip-server.guard';

describe('the SIP server guard', () => {
  it('compares secrets exactly, whatever their lengths', () => {
    const secret = 'the-internal-secret-of-32-chars!!';
    expect(sameSecret(secret, secret)).toBe(true);
    expect(sameSecret(`${secret} `, secret)).toBe(false);
    expect(sameSecret(secret.slice(0, -1), secret)).toBe(false);
    expect(sameSecret('', secret)).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });

  it('reads an IPv4-mapped IPv6 peer as its IPv4 address, and nothing else', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('::FFFF:172.28.0.10')).toBe('172.28.0.10');
    expect(normalizeAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('::1')).toBe('::1');
    expect(normalizeAddress('FD00::7')).toBe('fd00::7');
  });
});
