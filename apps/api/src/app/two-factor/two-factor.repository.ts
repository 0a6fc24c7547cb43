import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface TotpRow {
  userId: number;
  secretEncrypted: string;
  enabledAt: Date | null;
  lastUsedStep: number | null;
}

export interface ChallengeRow {
  id: number;
  userId: number;
  expiresAt: Date;
  consumedAt: Date | null;
}

/**
 * Every query of `user_totp`, `totp_recovery_codes` and `mfa_challenges` (sql/013). Methods that take part in a
 * caller's transaction take its EntityManager.
 */
@Injectable()
export class TwoFactorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private run(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async findTotp(userId: number, manager?: EntityManager, lock = false): Promise<TotpRow | null> {
    const rows: Array<Record<string, unknown>> = await this.run(manager).query(
      `SELECT user_id, secret_encrypted, enabled_at, last_used_step FROM user_totp WHERE user_id = ?${lock ? ' FOR UPDATE' : ''}`,
      [userId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      userId: Number(row['user_id']),
      secretEncrypted: String(row['secret_encrypted']),
      enabledAt: row['enabled_at'] ? new Date(row['enabled_at'] as Date) : null,
      lastUsedStep: row['last_used_step'] === null ? null : Number(row['last_used_step']),
    };
  }

  /** A new secret awaiting its first code (replaces an earlier pending one; never an enabled one). */
  async savePending(userId: number, secretEncrypted: string, at: Date): Promise<void> {
    await this.run().query(
      `INSERT INTO user_totp (user_id, secret_encrypted, enabled_at, last_used_step, created_at)
       VALUES (?, ?, NULL, NULL, ?)
       ON DUPLICATE KEY UPDATE
         secret_encrypted = IF(enabled_at IS NULL, VALUES(secret_encrypted), secret_encrypted),
         created_at = IF(enabled_at IS NULL, VALUES(created_at), created_at)`,
      [userId, secretEncrypted, at],
    );
  }

  async enable(userId: number, step: number, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE user_totp SET enabled_at = ?, last_used_step = ? WHERE user_id = ?`, [
      at,
      step,
      userId,
    ]);
  }

  /** Records `step` as the last used one unless it is not later than it: false means a replay (or a race lost). */
  async advanceStep(userId: number, step: number, manager?: EntityManager): Promise<boolean> {
    const result: unknown = await this.run(manager).query(
      `UPDATE user_totp SET last_used_step = ?
       WHERE user_id = ? AND (last_used_step IS NULL OR last_used_step < ?)`,
      [step, userId, step],
    );
    return affected(result) === 1;
  }

  async deleteAll(userId: number, manager: EntityManager): Promise<boolean> {
    await manager.query(`DELETE FROM totp_recovery_codes WHERE user_id = ?`, [userId]);
    await manager.query(`DELETE FROM mfa_challenges WHERE user_id = ?`, [userId]);
    return affected(await manager.query(`DELETE FROM user_totp WHERE user_id = ?`, [userId])) > 0;
  }

  async replaceRecoveryCodes(userId: number, hashes: string[], at: Date, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM totp_recovery_codes WHERE user_id = ?`, [userId]);
    if (hashes.length === 0) return;
    await manager.query(
      `INSERT INTO totp_recovery_codes (user_id, code_hash, used_at, created_at) VALUES ${hashes
        .map(() => '(?, ?, NULL, ?)')
        .join(', ')}`,
      hashes.flatMap((hash) => [userId, hash, at]),
    );
  }

  /** Marks the unused code as used; false when there is no such unused code (unknown, or used already). */
  async useRecoveryCode(userId: number, hash: string, at: Date, manager?: EntityManager): Promise<boolean> {
    const result: unknown = await this.run(manager).query(
      `UPDATE totp_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
      [at, userId, hash],
    );
    return affected(result) === 1;
  }

  async countUnusedRecoveryCodes(userId: number, manager?: EntityManager): Promise<number> {
    const rows: Array<{ n: number | string }> = await this.run(manager).query(
      `SELECT COUNT(*) AS n FROM totp_recovery_codes WHERE user_id = ? AND used_at IS NULL`,
      [userId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** A new challenge; the user's expired ones are cleared on the way (nothing else ever reads them). */
  async insertChallenge(userId: number, tokenHash: string, at: Date, expiresAt: Date): Promise<void> {
    await this.run().query(`DELETE FROM mfa_challenges WHERE user_id = ? AND expires_at < ?`, [userId, at]);
    await this.run().query(
      `INSERT INTO mfa_challenges (token_hash, user_id, created_at, expires_at, consumed_at) VALUES (?, ?, ?, ?, NULL)`,
      [tokenHash, userId, at, expiresAt],
    );
  }

  async findChallenge(tokenHash: string): Promise<ChallengeRow | null> {
    const rows: Array<Record<string, unknown>> = await this.run().query(
      `SELECT id, user_id, expires_at, consumed_at FROM mfa_challenges WHERE token_hash = ?`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: Number(row['id']),
      userId: Number(row['user_id']),
      expiresAt: new Date(row['expires_at'] as Date),
      consumedAt: row['consumed_at'] ? new Date(row['consumed_at'] as Date) : null,
    };
  }

  /** Consumes the challenge once: false when it was already consumed (two concurrent second steps). */
  async consumeChallenge(id: number, at: Date, manager?: EntityManager): Promise<boolean> {
    const result: unknown = await this.run(manager).query(
      `UPDATE mfa_challenges SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL`,
      [at, id],
    );
    return affected(result) === 1;
  }
}

function affected(result: unknown): number {
  // mysql2 answers an UPDATE or DELETE with a ResultSetHeader; TypeORM may wrap it as [rows, affected].
  if (Array.isArray(result)) return Number(result[1] ?? (result[0] as { affectedRows?: number })?.affectedRows ?? 0);
  return Number((result as { affectedRows?: number }).affectedRows ?? 0);
}
