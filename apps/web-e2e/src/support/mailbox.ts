import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in the spec's process, where the portal under test sends its mail (playwright.config.ts points
 * SMTP_URL at E2E_SMTP_PORT): the journeys read what arrived and follow its links, as a user would.
 */
export class Mailbox {
  private readonly messages: ParsedMail[] = [];
  private server: SMTPServer | undefined;

  async start(port: number): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  }

  /** Waits for a message to `address` whose subject matches; its text. */
  async waitFor(address: string, subject: RegExp, timeoutMs = 20_000): Promise<ParsedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(
        (mail) => recipients(mail).includes(address.toLowerCase()) && subject.test(mail.subject ?? ''),
      );
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No mail "${subject}" to ${address} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((a) => (a.address ?? '').toLowerCase()));
}

/** The link of a message whose path is `path` (it carries its token in the fragment). */
export function linkIn(mail: ParsedMail, path: string): string {
  const match = (mail.text ?? '').match(new RegExp(`https?://\\S+${path}#token=[A-Za-z0-9_-]+`));
  if (!match) throw new Error(`No ${path} link in: ${mail.text}`);
  return match[0];
}
