import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MailStatus } from '@hh/contracts';

export interface NewOutboxMail {
  userId: number | null;
  to: string;
  template: string;
  subject: string;
  text: string;
  html: string;
  secretLink: string | null;
  status: Extract<MailStatus, 'queued' | 'held'>;
  createdAt: Date;
}

export interface OutboxRow {
  id: number;
  userId: number | null;
  to: string;
  template: string;
  subject: string;
  text: string;
  html: string;
  secretLink: string | null;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

interface RawRow {
  id: string | number;
  user_id: number | null;
  to_address: string;
  template: string;
  subject: string;
  text_body: string;
  html_body: string;
  secret_link: string | null;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface OutboxFilter {
  status?: MailStatus;
  /** Part of the recipient's address. */
  to?: string;
}

/** Every query of the mail_outbox table (sql/012); the mail feature alone reads and writes it. */
@Injectable()
export class MailOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a message in the caller's transaction; returns its id. */
  async insert(mail: NewOutboxMail, manager: EntityManager): Promise<number> {
    const result: { insertId: number | string } = await manager.query(
      `INSERT INTO mail_outbox (user_id, to_address, template, subject, text_body, html_body, secret_link, status,
                                created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        mail.userId,
        mail.to,
        mail.template,
        mail.subject,
        mail.text,
        mail.html,
        mail.secretLink,
        mail.status,
        mail.createdAt,
      ],
    );
    return Number(result.insertId);
  }

  async findById(id: number, manager?: EntityManager): Promise<OutboxRow | null> {
    const rows: RawRow[] = await (manager ?? this.dataSource.manager).query('SELECT * FROM mail_outbox WHERE id = ?', [
      id,
    ]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Sets the Message-ID a message is sent with (the first attempt picks it; retries keep it). */
  async setMessageId(id: number, messageId: string): Promise<void> {
    await this.dataSource.query('UPDATE mail_outbox SET message_id = ? WHERE id = ? AND message_id IS NULL', [
      messageId,
      id,
    ]);
  }

  /** A failed attempt, recorded outside the job's fenced end (it only informs the admins' view). */
  async recordAttemptFailure(id: number, error: string): Promise<void> {
    await this.dataSource.query('UPDATE mail_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?', [
      error,
      id,
    ]);
  }

  /** Sent: the one-time link is forgotten. In the job's fenced end, so it is written once. */
  async markSent(id: number, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL,
              secret_link = NULL WHERE id = ?`,
      [at, id],
    );
  }

  /** Given up after the job's last attempt: the link is forgotten too. */
  async markFailed(id: number, error: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE mail_outbox SET status = 'failed', last_error = ?, secret_link = NULL WHERE id = ?`, [
      error,
      id,
    ]);
  }

  /** A page of the outbox, newest first, and the total matching. */
  async list(filter: OutboxFilter, offset: number, limit: number): Promise<[OutboxRow[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.to) {
      where.push("to_address LIKE CONCAT('%', ?, '%')");
      params.push(filter.to.replace(/[\\%_]/g, (c) => `\\${c}`));
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: RawRow[] = await this.dataSource.query(
      `SELECT * FROM mail_outbox ${clause} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    const [{ total }] = await this.dataSource.query(`SELECT COUNT(*) AS total FROM mail_outbox ${clause}`, params);
    return [rows.map(toRow), Number(total)];
  }
}

function toRow(row: RawRow): OutboxRow {
  return {
    id: Number(row.id),
    userId: row.user_id === null ? null : Number(row.user_id),
    to: row.to_address,
    template: row.template,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    secretLink: row.secret_link,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    messageId: row.message_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
