import { randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { MailStatus, OutboxMail, Paginated } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../common/clock';
import { paginated } from '../../common/http/pagination';
import { jobKind } from '../jobs/job-kind';
import { JobsService } from '../jobs/jobs.service';
import { escapeHtml, LINK_PLACEHOLDER, RenderedMail } from './mail-templates';
import { MailOutboxRepository, OutboxRow } from './mail-outbox.repository';
import { MailTransport } from './mail-transport';

/** The job that delivers one outbox message. */
export const SEND_MAIL = jobKind<{ outboxId: number }>('mail.send');

/** What the admins' view shows in place of a one-time link once the message has left. */
export const LINK_REMOVED = '[one-time link removed once sent]';

export interface MailToQueue {
  to: string;
  userId: number | null;
  mail: RenderedMail;
  /** The one-time link the message carries in place of LINK_PLACEHOLDER. */
  link?: string;
}

/**
 * The portal's outgoing mail: a feature queues a message in the transaction of the change that causes it (an outbox
 * row and a 'mail.send' job, so it exists exactly when the change committed), and the durable jobs worker delivers it
 * over SMTP with retries and backoff (docs/decisions/010-durable-jobs.md). Without SMTP_URL messages are held in the
 * outbox, which admins read (GET /admin/mail).
 */
@Injectable()
export class MailService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly outbox: MailOutboxRepository,
    @Inject(MailTransport) private readonly transport: MailTransport | null,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SEND_MAIL, {
      // About 5 s, 10 s, 20 s … up to 30 min apart, for a day's worth of an SMTP server's outage.
      maxAttempts: 12,
      backoff: { baseMs: 5_000, maxMs: 30 * 60_000 },
      leaseMs: 60_000,
      run: ({ outboxId }) => this.deliver(outboxId),
      onFailed: async ({ outboxId }, error, em) => {
        await this.outbox.markFailed(outboxId, error, em);
        this.logger.warn(`Mail ${outboxId} was given up: ${error}`);
      },
    });
  }

  onApplicationBootstrap(): void {
    const { smtpUrl, appBaseUrl, appBaseUrlDefaulted } = this.config.mail;
    if (smtpUrl) {
      this.logger.log(`Mail is sent through ${redactedSmtpUrl(smtpUrl)}; links point to ${appBaseUrl}`);
    } else {
      this.logger.warn(
        'SMTP_URL is not set: mail is not sent but kept in the outbox, which admins read at /voip/admin/mail. ' +
          'For a local mail catcher run `npm run mail:dev` and start with SMTP_URL=smtp://127.0.0.1:1025',
      );
    }
    if (appBaseUrlDefaulted && this.config.nodeEnv === 'production') {
      this.logger.warn(`APP_BASE_URL is not set: links in mail point to ${appBaseUrl}`);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  /** The origin links in messages use (APP_BASE_URL; never the request's Host header). */
  link(path: string): string {
    return `${this.config.mail.appBaseUrl}${path}`;
  }

  /**
   * Queues a message in the caller's transaction: written and sent only if it commits. Without SMTP the message is
   * held for admins and no job is made.
   */
  async queue(em: EntityManager, message: MailToQueue): Promise<void> {
    const held = !this.transport;
    const outboxId = await this.outbox.insert(
      {
        userId: message.userId,
        to: message.to,
        template: message.mail.template,
        subject: message.mail.subject,
        text: message.mail.text,
        html: message.mail.html,
        secretLink: message.link ?? null,
        status: held ? 'held' : 'queued',
        createdAt: this.clock.now(),
      },
      em,
    );
    if (held) {
      this.logger.log(`Mail ${outboxId} (${message.mail.template}) is held in the outbox: SMTP_URL is not set`);
      return;
    }
    await this.jobs.enqueue(em, SEND_MAIL, { outboxId });
  }

  /** A page of the outbox for admins, newest first. */
  async list(
    filter: { status?: MailStatus; to?: string },
    page: number,
    pageSize: number,
  ): Promise<Paginated<OutboxMail>> {
    const [rows, total] = await this.outbox.list(filter, (page - 1) * pageSize, pageSize);
    return paginated(rows.map(toOutboxMail), total, page, pageSize);
  }

  /**
   * One attempt of the 'mail.send' job, outside any transaction: sends the message with its link put back, and
   * returns the write that marks it sent (committed with the job's success, once). A message that is no longer
   * queued (sent by an earlier run whose end was committed) is not sent again.
   */
  private async deliver(outboxId: number) {
    const row = await this.outbox.findById(outboxId);
    if (!row || row.status !== 'queued') return;
    if (!this.transport) throw new Error('SMTP_URL is not set in this instance');
    let messageId = row.messageId;
    if (!messageId) {
      messageId = `<mail-${row.id}.${randomBytes(8).toString('hex')}@${new URL(this.config.mail.appBaseUrl).hostname}>`;
      await this.outbox.setMessageId(row.id, messageId);
    }
    try {
      await this.transport.send({
        from: this.config.mail.from,
        to: row.to,
        subject: row.subject,
        text: withLink(row.text, row.secretLink, false),
        html: withLink(row.html, row.secretLink, true),
        messageId,
      });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      await this.outbox.recordAttemptFailure(row.id, text.slice(0, 2000)).catch(() => undefined);
      throw error;
    }
    return async (em: EntityManager) => this.outbox.markSent(row.id, this.clock.now(), em);
  }
}

function withLink(body: string, link: string | null, html: boolean): string {
  const value = link ?? LINK_REMOVED;
  return body.split(LINK_PLACEHOLDER).join(html ? escapeHtml(value) : value);
}

function toOutboxMail(row: OutboxRow): OutboxMail {
  return {
    id: row.id,
    to: row.to,
    userId: row.userId,
    template: row.template,
    subject: row.subject,
    // Only a held message (no SMTP) shows its link: admins are then how it reaches its reader. A queued one is on
    // its way by mail, and a sent or failed one has no link any more.
    text: withLink(row.text, row.status === 'held' ? row.secretLink : null, false),
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
  };
}

function redactedSmtpUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (url.password) url.password = '***';
  return url.toString();
}
