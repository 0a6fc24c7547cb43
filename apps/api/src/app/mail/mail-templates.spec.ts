import {
  emailChangedMail,
  emailChangeRequestedMail,
  emailChangeVerifyMail,
  escapeHtml,
  LINK_PLACEHOLDER,
  passwordChangedMail,
  passwordResetMail,
  verifyEmailMail,
} from './mail-templates';

describe('mail templates', () => {
  const all = [
    verifyEmailMail('Jane'),
    emailChangeVerifyMail('Jane'),
    emailChangeRequestedMail('Jane', 'new@example.com'),
    emailChangedMail('Jane', 'new@example.com'),
    passwordResetMail('Jane'),
    passwordChangedMail('Jane', true),
  ];

  it('gives every message a subject, a plain-text body and an HTML body in the brand', () => {
    for (const mail of all) {
      expect(mail.subject).toMatch(/Hardhat Hosting/);
      expect(mail.text).toContain('Hello Jane,');
      expect(mail.html).toMatch(/^<!doctype html>/);
      expect(mail.html).toContain('Hardhat Hosting');
      expect(mail.html).toContain('#f59e0b');
    }
  });

  it('puts the link placeholder only in the messages that carry a one-time link', () => {
    const withLink = all.filter((mail) => mail.text.includes(LINK_PLACEHOLDER)).map((mail) => mail.template);
    expect(withLink).toEqual(['verify_email', 'email_change_verify', 'password_reset']);
    for (const mail of all) {
      expect(mail.html.includes(LINK_PLACEHOLDER)).toBe(mail.text.includes(LINK_PLACEHOLDER));
    }
  });

  it('escapes what a user typed (their name) in the HTML', () => {
    const mail = verifyEmailMail('<script>alert(1)</script> & "Jane"');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Jane&quot;');
    expect(escapeHtml(`a'b`)).toBe('a&#39;b');
  });
});
