import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RecordingStatus } from '@hh/contracts';

export interface RecordingRow {
  id: number;
  callId: number;
  userId: number;
  status: RecordingStatus;
  durationSeconds: number;
  sizeBytes: number;
  format: string;
  storageKey: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface RecordingWithUser extends RecordingRow {
  user: { id: number; name: string; email: string } | null;
}

export interface NewRecording {
  callId: number;
  userId: number;
  durationSeconds: number;
  createdAt: Date;
  expiresAt: Date;
}

export interface RecordingFilter {
  userId?: number;
  /** created_at ≥ from */
  from?: Date;
  /** created_at < to */
  to?: Date;
}

type Raw = Record<string, unknown>;

const COLUMNS = `r.id, r.call_id, r.user_id, r.status, r.duration_seconds, r.size_bytes, r.format, r.storage_key,
  r.created_at, r.expires_at`;

function toRow(raw: Raw): RecordingRow {
  return {
    id: Number(raw['id']),
    callId: Number(raw['call_id']),
    userId: Number(raw['user_id']),
    status: raw['status'] as RecordingStatus,
    durationSeconds: Number(raw['duration_seconds']),
    sizeBytes: Number(raw['size_bytes']),
    format: String(raw['format']),
    storageKey: (raw['storage_key'] as string | null) ?? null,
    createdAt: raw['created_at'] as Date,
    expiresAt: raw['expires_at'] as Date,
  };
}

/**
 * Every query of the recordings table (sql/011) and of the one calls column this feature owns, calls.recording_url
 * (like voip/'s plan_* columns): set when a call's recording is created, cleared when it fails or is deleted.
 */
@Injectable()
export class RecordingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private db(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** Inserts the recordings (one statement); returns their ids in the order given. */
  async insertMany(rows: NewRecording[], manager: EntityManager): Promise<number[]> {
    if (rows.length === 0) return [];
    const result = (await manager.query(
      `INSERT INTO recordings (call_id, user_id, status, duration_seconds, created_at, expires_at)
       VALUES ${rows.map(() => "(?, ?, 'processing', ?, ?, ?)").join(', ')}`,
      rows.flatMap((row) => [row.callId, row.userId, row.durationSeconds, row.createdAt, row.expiresAt]),
    )) as { insertId: number };
    // One multi-row INSERT takes consecutive ids (innodb_autoinc_lock_mode 1 or 2 with a "simple insert").
    return rows.map((_, index) => Number(result.insertId) + index);
  }

  /** Points each call's recording_url at its recording's media (one statement). */
  async setRecordingUrls(urls: { callId: number; url: string | null }[], manager: EntityManager): Promise<void> {
    if (urls.length === 0) return;
    await manager.query(
      `UPDATE calls SET recording_url = CASE id ${urls.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (?)`,
      [...urls.flatMap((u) => [u.callId, u.url]), urls.map((u) => u.callId)],
    );
  }

  async findById(id: number, options: { lock?: boolean; manager?: EntityManager } = {}): Promise<RecordingRow | null> {
    const rows: Raw[] = await this.db(options.manager).query(
      `SELECT ${COLUMNS} FROM recordings r WHERE r.id = ?${options.lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async listByCall(callId: number): Promise<RecordingRow[]> {
    const rows: Raw[] = await this.db().query(`SELECT ${COLUMNS} FROM recordings r WHERE r.call_id = ? ORDER BY r.id`, [
      callId,
    ]);
    return rows.map(toRow);
  }

  /** A page of recordings, newest first, each with its owner (users joined on); and how many match. */
  async listWithUsers(filter: RecordingFilter, offset: number, limit: number): Promise<[RecordingWithUser[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: string, value: unknown) => {
      where.push(condition);
      params.push(value);
    };
    if (filter.userId !== undefined) add('r.user_id = ?', filter.userId);
    if (filter.from) add('r.created_at >= ?', filter.from);
    if (filter.to) add('r.created_at < ?', filter.to);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows: Raw[] = await this.db().query(
      `SELECT ${COLUMNS}, u.id AS u_id, u.name AS u_name, u.email AS u_email
         FROM recordings r LEFT JOIN users u ON u.id = r.user_id
         ${clause} ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    const [count] = (await this.db().query(`SELECT COUNT(*) AS total FROM recordings r ${clause}`, params)) as Raw[];
    return [
      rows.map((raw) => ({
        ...toRow(raw),
        user:
          raw['u_id'] === null
            ? null
            : { id: Number(raw['u_id']), name: String(raw['u_name']), email: String(raw['u_email']) },
      })),
      Number(count?.['total'] ?? 0),
    ];
  }

  async complete(id: number, storageKey: string, sizeBytes: number, durationSeconds: number, manager: EntityManager) {
    await manager.query(
      `UPDATE recordings SET status = 'completed', storage_key = ?, size_bytes = ?, duration_seconds = ? WHERE id = ?`,
      [storageKey, sizeBytes, durationSeconds, id],
    );
  }

  async markFailed(id: number, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE recordings SET status = 'failed', storage_key = NULL WHERE id = ?`, [id]);
  }

  async markDeleted(ids: number[], at: Date, manager: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE recordings SET status = 'deleted', storage_key = NULL, size_bytes = 0, deleted_at = ? WHERE id IN (?)`,
      [at, ids],
    );
  }

  /**
   * Up to `limit` expired recordings not deleted yet, locked FOR UPDATE SKIP LOCKED: two purges never take the same
   * one, and one an instance holds is left to it (run in a READ COMMITTED transaction). Reads idx_recordings_expiry.
   */
  async claimExpired(now: Date, limit: number, manager: EntityManager): Promise<RecordingRow[]> {
    const rows: Raw[] = await manager.query(
      `SELECT ${COLUMNS} FROM recordings r
        WHERE r.status IN ('processing', 'completed', 'failed') AND r.expires_at <= ?
        ORDER BY r.expires_at LIMIT ? FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(toRow);
  }
}
