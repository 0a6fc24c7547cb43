/**
 * The portal's messages: plain text plus HTML in the Hardhat Hosting brand (slate and amber), with no secret but the
 * one-time link. A message with a link carries the placeholder LINK_PLACEHOLDER in both bodies; the outbox keeps the
 * link apart and puts it in when it sends (see MailService), so it is forgotten once the message is sent.
 */
export const LINK_PLACEHOLDER = '{{link}}';

export const MAIL_TEMPLATES = [
  'verify_email',
  'email_change_verify',
  'email_change_requested',
  'email_changed',
  'password_reset',
  'password_changed',
  'two_factor_reset',
  'new_sign_in',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface RenderedMail {
  template: MailTemplate;
  subject: string;
  text: string;
  html: string;
}

interface Section {
  greeting: string;
  paragraphs: string[];
  /** A call to action: the button's words; the link is LINK_PLACEHOLDER. */
  action?: string;
  /** After the button (e.g. how long the link lives). */
  after?: string[];
}

const BRAND = 'Hardhat Hosting';
const FOOTER = `${BRAND} VoIP portal. You receive this message because of an action on your account.`;

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function render(template: MailTemplate, subject: string, section: Section): RenderedMail {
  const text = [
    section.greeting,
    '',
    ...section.paragraphs.flatMap((p) => [p, '']),
    ...(section.action ? [`${section.action}:`, LINK_PLACEHOLDER, ''] : []),
    ...(section.after ?? []).flatMap((p) => [p, '']),
    '-- ',
    FOOTER,
  ].join('\n');
  const paragraph = (p: string) =>
    `<p style="margin:0 0 16px;font-size:15px;line-height:1.5;color:#e2e8f0">${escapeHtml(p)}</p>`;
  const button = section.action
    ? `<p style="margin:24px 0"><a href="${LINK_PLACEHOLDER}" style="display:inline-block;background:#f59e0b;` +
      `color:#0f172a;font-weight:600;text-decoration:none;padding:12px 20px;border-radius:8px">` +
      `${escapeHtml(section.action)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#94a3b8">Or open this address: ` +
      `<a href="${LINK_PLACEHOLDER}" style="color:#fbbf24;word-break:break-all">${LINK_PLACEHOLDER}</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#0f172a;font-family:Segoe UI,Roboto,Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#0f172a;padding:32px 12px">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#1e293b;border-radius:12px;border-top:4px solid #f59e0b">
<tr><td style="padding:28px 32px">
<p style="margin:0 0 24px;font-size:18px;font-weight:700;color:#fbbf24">${BRAND}</p>
${paragraph(section.greeting)}
${section.paragraphs.map(paragraph).join('\n')}
${button}
${(section.after ?? []).map(paragraph).join('\n')}
</td></tr>
<tr><td style="padding:16px 32px;border-top:1px solid #334155;font-size:12px;color:#94a3b8">${escapeHtml(FOOTER)}</td></tr>
</table>
</td></tr></table>
</body></html>`;
  return { template, subject, text, html };
}

const hello = (name: string) => `Hello ${name},`;

/** A new account's address (or one sent again): the link lives 48 hours. */
export function verifyEmailMail(name: string): RenderedMail {
  return render('verify_email', `Confirm your e-mail address for ${BRAND}`, {
    greeting: hello(name),
    paragraphs: ['Please confirm that this is your e-mail address, so we can reach you about your account.'],
    action: 'Confirm my e-mail address',
    after: ['The link works once and expires in 48 hours. If you did not sign up, you can ignore this message.'],
  });
}

/** The new address of an e-mail change: it takes effect once this link is followed. */
export function emailChangeVerifyMail(name: string): RenderedMail {
  return render('email_change_verify', `Confirm your new e-mail address for ${BRAND}`, {
    greeting: hello(name),
    paragraphs: [`You asked to use this address for your ${BRAND} account. It takes effect once you confirm it.`],
    action: 'Confirm my new address',
    after: ['The link works once and expires in 48 hours. If you did not ask for this, ignore this message.'],
  });
}

/** To the old address when a change is asked for. */
export function emailChangeRequestedMail(name: string, newEmail: string): RenderedMail {
  return render('email_change_requested', `A change of your ${BRAND} e-mail address was requested`, {
    greeting: hello(name),
    paragraphs: [
      `Someone signed in to your account asked to change its e-mail address to ${newEmail}. The change takes ` +
        'effect only once the new address is confirmed.',
      'If this was not you, change your password at once (Settings) and contact support.',
    ],
  });
}

/** To the old address once the new one is confirmed. */
export function emailChangedMail(name: string, newEmail: string): RenderedMail {
  return render('email_changed', `Your ${BRAND} e-mail address was changed`, {
    greeting: hello(name),
    paragraphs: [
      `The e-mail address of your account is now ${newEmail}. Messages about your account go there from now on.`,
      'If this was not you, contact support at once.',
    ],
  });
}

/** A password reset link: it lives 1 hour. */
export function passwordResetMail(name: string): RenderedMail {
  return render('password_reset', `Reset your ${BRAND} password`, {
    greeting: hello(name),
    paragraphs: ['Someone (we hope you) asked to reset the password of your account.'],
    action: 'Choose a new password',
    after: [
      'The link works once and expires in 1 hour. If you did not ask for it, ignore this message: your password ' +
        'stays as it is.',
    ],
  });
}

/** After a reset: every session and API key was ended. */
export function passwordChangedMail(name: string, apiKeysRevoked: boolean): RenderedMail {
  return render('password_changed', `Your ${BRAND} password was reset`, {
    greeting: hello(name),
    paragraphs: [
      'The password of your account was just reset with a link sent to this address. Every signed-in session ' +
        (apiKeysRevoked ? 'and every API key of the account were ended.' : 'was ended.'),
      'If this was not you, reset your password again at once and contact support.',
    ],
  });
}

/** An admin turned the user's two-factor off (issue 13, item 4): the user is told, in case it was not them who asked. */
export function twoFactorResetMail(name: string): RenderedMail {
  return render('two_factor_reset', `Two-factor authentication was turned off on your ${BRAND} account`, {
    greeting: hello(name),
    paragraphs: [
      'An administrator turned off two-factor authentication on your account, as asked when an authenticator app ' +
        'and its recovery codes are lost. You now sign in with your password alone.',
      'Turn two-factor on again under Settings → Security. If you did not ask for this, change your password and ' +
        'contact support.',
    ],
  });
}

/** A sign-in from a device (browser) the account had not used before (issue 13, item 5). */
export function newSignInMail(name: string, sign: { device: string; ip: string | null; at: Date }): RenderedMail {
  return render('new_sign_in', `New sign-in to your ${BRAND} account`, {
    greeting: hello(name),
    paragraphs: [
      `Your account was just signed in from a device it had not used before: ${sign.device}` +
        `${sign.ip ? `, from the address ${sign.ip}` : ''}, at ${sign.at.toISOString().replace('T', ' ').slice(0, 16)} UTC.`,
      'If this was you, there is nothing to do. If not, change your password now and sign that session out under ' +
        'Settings → Security → Sessions.',
    ],
  });
}
