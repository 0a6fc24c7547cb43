import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface NewJob {
  kind: string;
  payload: unknown;
  dueAt: Date;
  maxAttempts: number;
  uniqueKey?: string;
}

/** A claimed row: `attempts` is the attempt just started (with claimedBy, the claim's fencing token). */
export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

interface ClaimRow {
  id: string | number;
  kind: string;
  payload: string | object;
  attempts: number;
  max_attempts: number;
}

/** The claim of one run: the row is still this worker's only while claimed_by and attempts both match. */
export interface JobClaim {
  id: number;
  claimedBy: string;
  attempt: number;
}

/** Every query of the jobs table (sql/011); the jobs feature alone reads and writes it. */
@Injectable()
export class JobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a job in the caller's transaction; with a uniqueKey already taken, nothing is written. */
  async insert(job: NewJob, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO jobs (kind, payload, due_at, max_attempts, unique_key) VALUES (?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE id = id`,
      [job.kind, JSON.stringify(job.payload ?? null), job.dueAt, job.maxAttempts, job.uniqueKey ?? null],
    );
  }

  /**
   * Claims up to `limit` due jobs: queued ones whose time has come and running ones whose lease ran out (their
   * worker died), oldest due first, locked FOR UPDATE SKIP LOCKED so instances never take the same row, then leased
   * to `claimedBy` until `leaseUntil` with one more attempt. Run it in a short READ COMMITTED transaction.
   */
  async claim(now: Date, limit: number, claimedBy: string, leaseUntil: Date, manager: EntityManager) {
    const rows: ClaimRow[] = await manager.query(
      `SELECT id, kind, payload, attempts, max_attempts FROM jobs
        WHERE status IN ('queued', 'running') AND due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    if (rows.length === 0) return [];
    await manager.query(
      `UPDATE jobs SET status = 'running', claimed_by = ?, attempts = attempts + 1, due_at = ? WHERE id IN (?)`,
      [claimedBy, leaseUntil, rows.map((row) => row.id)],
    );
    return rows.map(
      (row): ClaimedJob => ({
        id: Number(row.id),
        kind: row.kind,
        payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
        attempts: Number(row.attempts) + 1,
        maxAttempts: Number(row.max_attempts),
      }),
    );
  }

  /** Pushes a running claim's lease on; false when the claim no longer holds (the lease was lost). */
  async renew(claim: JobClaim, leaseUntil: Date): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE jobs SET due_at = ? WHERE id = ? AND status = 'running' AND claimed_by = ? AND attempts = ?`,
      [leaseUntil, claim.id, claim.claimedBy, claim.attempt],
    );
    return affected(result) === 1;
  }

  /** Locks the row for the end of a run; false when the claim no longer holds (nothing may then be written). */
  async lockClaim(claim: JobClaim, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT id FROM jobs WHERE id = ? AND status = 'running' AND claimed_by = ? AND attempts = ? FOR UPDATE`,
      [claim.id, claim.claimedBy, claim.attempt],
    );
    return rows.length === 1;
  }

  async succeed(id: number, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE jobs SET status = 'succeeded', finished_at = ?, claimed_by = NULL, last_error = NULL WHERE id = ?`,
      [at, id],
    );
  }

  /** Queues the job again at `dueAt` (a retry keeps its attempts and error; a recurring run resets them). */
  async requeue(id: number, dueAt: Date, error: string | null, resetAttempts: boolean, manager: EntityManager) {
    await manager.query(
      `UPDATE jobs SET status = 'queued', due_at = ?, claimed_by = NULL, last_error = ?,
              attempts = IF(?, 0, attempts) WHERE id = ?`,
      [dueAt, error, resetAttempts, id],
    );
  }

  async fail(id: number, at: Date, error: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE jobs SET status = 'failed', finished_at = ?, claimed_by = NULL, last_error = ? WHERE id = ?`,
      [at, error, id],
    );
  }
}

function affected(result: unknown): number {
  // mysql2 answers an UPDATE with a ResultSetHeader; TypeORM may wrap it as [rows, affected].
  if (Array.isArray(result)) return Number(result[1] ?? (result[0] as { affectedRows?: number })?.affectedRows ?? 0);
  return Number((result as { affectedRows?: number }).affectedRows ?? 0);
}
