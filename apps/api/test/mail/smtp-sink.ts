import type { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in the spec's process (nodemailer's smtp-server), keeping every message it accepted, parsed with
 * mailparser. `failing` makes it refuse messages with a temporary error (451), as a server that is down would.
 */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  failing = false;
  refused = 0;
  private server: SMTPServer | undefined;
  private waiters: (() => void)[] = [];

  /** Starts listening on 127.0.0.1 (port 0: any free port); resolves the port. */
  async start(port = 0): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        if (this.failing) {
          stream.resume();
          stream.on('end', () => {
            this.refused += 1;
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          });
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            for (const wake of this.waiters.splice(0)) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return (server.server.address() as AddressInfo).port;
  }

  /** The messages to an address (case-insensitive). */
  to(address: string): ParsedMail[] {
    return this.messages.filter((mail) => recipients(mail).includes(address.toLowerCase()));
  }

  /** Waits until `count` messages to `address` arrived (or fails after timeoutMs); returns the last. */
  async waitFor(address: string, count = 1, timeoutMs = 10_000): Promise<ParsedMail> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(address).length < count) {
      if (Date.now() > deadline) throw new Error(`No mail #${count} to ${address} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.to(address)[count - 1];
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((a) => (a.address ?? '').toLowerCase()));
}

/** The one-time link of a message (its plain text) and the token in its fragment. */
export function linkOf(mail: ParsedMail, path: string): { link: string; token: string } {
  const match = (mail.text ?? '').match(new RegExp(`(https?://[^\\s]+${path}#token=([A-Za-z0-9_-]+))`));
  if (!match) throw new Error(`No ${path} link in: ${mail.text}`);
  return { link: match[1], token: match[2] };
}
