import { calleeSid, dialogCallId, sipUserOf, userIdOfSipUser } from './sip-identity';
import { ephemeralCredential } from './sip-credentials.service';
import { createHmac } from 'node:crypto';

describe('SIP identities', () => {
  it('names user 12 u12 and reads u12 back, refusing anything else', () => {
    expect(sipUserOf(12)).toBe('u12');
    expect(userIdOfSipUser('u12')).toBe(12);
    for (const other of [
      '12',
      'U12',
      'u012',
      'u',
      'u-1',
      'u1.5',
      'u12 ',
      '+15005550001',
      'u99999999999',
      'u2147483648',
    ]) {
      expect({ other, id: userIdOfSipUser(other) }).toEqual({ other, id: null });
    }
    expect(userIdOfSipUser('u2147483647')).toBe(2_147_483_647);
  });

  it("gives the callee's leg the Call-ID + ;in and finds the dialog's Call-ID from either leg", () => {
    expect(calleeSid('a84b4c76e66710@pc33.example.com')).toBe('a84b4c76e66710@pc33.example.com;in');
    expect(dialogCallId('a84b4c76e66710@pc33.example.com;in')).toBe('a84b4c76e66710@pc33.example.com');
    expect(dialogCallId('a84b4c76e66710@pc33.example.com')).toBe('a84b4c76e66710@pc33.example.com');
  });
});

describe('ephemeralCredential (auth_ephemeral)', () => {
  it('signs "<expiry>:u<id>" with HMAC-SHA1 in base64, as Kamailio recomputes it', () => {
    const credential = ephemeralCredential('the-shared-secret-of-at-least-32-chars', 42, 1_767_225_600);
    expect(credential.username).toBe('1767225600:u42');
    expect(credential.password).toBe(
      createHmac('sha1', 'the-shared-secret-of-at-least-32-chars').update('1767225600:u42').digest('base64'),
    );
    // A known vector, so a change of algorithm or encoding cannot pass unnoticed.
    expect(ephemeralCredential('secret', 1, 1)).toEqual({ username: '1:u1', password: 'IfVkWTIaBCZeAc7UGYDfiPdtJWw=' });
    expect(ephemeralCredential('another-secret', 42, 1_767_225_600).password).not.toBe(credential.password);
  });
});
