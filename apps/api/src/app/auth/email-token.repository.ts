import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EmailTokenPurpose } from './email-token.entity';

export interface EmailTokenRow {
  id: number;
  userId: number;
  purpose: EmailTokenPurpose;
  email: string;
  expiresAt: Date;
  usedAt: Date | null;
}

interface RawRow {
  id: number;
  user_id: number;
  purpose: EmailTokenPurpose;
  email: string;
  expires_at: Date;
  used_at: Date | null;
}

/** Every query of the email_tokens table (sql/012): one-time tokens for e-mail verification and password reset. */
@Injectable()
export class EmailTokenRepository {
  async insert(
    token: {
      userId: number;
      purpose: EmailTokenPurpose;
      tokenHash: string;
      email: string;
      createdAt: Date;
      expiresAt: Date;
    },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO email_tokens (user_id, purpose, token_hash, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [token.userId, token.purpose, token.tokenHash, token.email, token.createdAt, token.expiresAt],
    );
  }

  /** Ends the user's unused tokens of a purpose (only the newest link works). */
  async endUnused(userId: number, purpose: EmailTokenPurpose, at: Date, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL', [
      at,
      userId,
      purpose,
    ]);
  }

  /** The token with this hash, locked until the transaction ends (so two uses of one token serialise). */
  async lockByHash(tokenHash: string, manager: EntityManager): Promise<EmailTokenRow | null> {
    const rows: RawRow[] = await manager.query(
      'SELECT id, user_id, purpose, email, expires_at, used_at FROM email_tokens WHERE token_hash = ? FOR UPDATE',
      [tokenHash],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          userId: row.user_id,
          purpose: row.purpose,
          email: row.email,
          expiresAt: row.expires_at,
          usedAt: row.used_at,
        }
      : null;
  }

  async markUsed(id: number, at: Date, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE email_tokens SET used_at = ? WHERE id = ?', [at, id]);
  }
}
