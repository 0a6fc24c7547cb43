import { createTransport, Transporter } from 'nodemailer';

/** One message as the transport sends it. */
export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The same on every attempt, so a receiver can tell a repeat (after a crash between sending and committing). */
  messageId: string;
}

/** Where messages go: SMTP through nodemailer (SMTP_URL). A seam so the specs can put a failing one in its place. */
export abstract class MailTransport {
  abstract send(message: OutgoingMessage): Promise<void>;
  abstract close(): void;
}

/** nodemailer over SMTP (smtp:// with STARTTLS when offered, smtps:// for implicit TLS), pooled connections. */
export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(smtpUrl: string) {
    super();
    const url = new URL(smtpUrl);
    this.transporter = createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      pool: true,
      maxConnections: 2,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: OutgoingMessage): Promise<void> {
    await this.transporter.sendMail({
      from: message.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
    });
  }

  close(): void {
    this.transporter.close();
  }
}
