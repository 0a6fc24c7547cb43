import type { Readable } from 'node:stream';
import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CallStatus, Paginated } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../common/clock';
import { notFound, ProblemException } from '../../common/errors/problem.exception';
import type { Principal } from '../../common/guards/principal';
import { paginated, pageWindow } from '../../common/http/pagination';
import { dateBounds } from '../../common/time/date-bounds';
import { CallQueriesService } from '../calls/call-queries.service';
import { jobKind } from '../jobs/job-kind';
import { JobsService } from '../jobs/jobs.service';
import {
  AdminRecordingDto,
  AdminRecordingsQueryDto,
  RecordingDto,
  toAdminRecordingDto,
  toRecordingDto,
} from './dto/recording.dto';
import { parseRange } from './range';
import { RecordingSource } from './recording-source';
import { RecordingStorage } from './recording-storage';
import { RecordingRow, RecordingsRepository } from './recordings.repository';

/** Writes a recording's audio, from the provider's RecordingSource. */
export const RENDER_RECORDING = jobKind<{ recordingId: number }>('recording.render');
/** Deletes the audio of expired recordings; one recurring row for the whole system. */
export const PURGE_RECORDINGS = jobKind<Record<string, never>>('recordings.purge');
/** How often the purge runs, and how many recordings one of its transactions takes. */
const PURGE_EVERY_MS = 3_600_000;
const PURGE_BATCH = 100;
const WAV_TYPE = 'audio/wav';

/** What the hook needs of a call that just ended (a CallEntity, whose recordingUrl it sets). */
export interface EndedCall {
  id: number;
  userId: number;
  status: CallStatus;
  durationSeconds: number;
  recorded: boolean;
  recordingUrl: string | null;
}

/** The answer of GET /recordings/{id}/media. */
export interface RecordingMedia {
  status: HttpStatus.OK | HttpStatus.PARTIAL_CONTENT;
  headers: Record<string, string>;
  body: Readable;
}

/** A 416: the controller adds `Content-Range: bytes *\/size`. */
export class RangeNotSatisfiable extends ProblemException {
  constructor(readonly size: number) {
    super(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, `The range starts past the end of the recording (${size} bytes)`);
  }
}

export function mediaUrl(recordingId: number): string {
  return `/api/v1/recordings/${recordingId}/media`;
}

/**
 * Call recordings: created 'processing' in a recorded call's final transaction (callsEnded, from CallEngine), the
 * audio written by a durable job into RecordingStorage, played with byte ranges by the call's owner or an admin,
 * deleted by them or by the retention purge (RECORDING_RETENTION_DAYS). Another user's recording is a 404.
 *
 * The audio comes from RecordingSource: synthesised in the mock, rtpengine's capture of the call with real calls.
 */
@Injectable()
export class RecordingsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Recordings');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly recordings: RecordingsRepository,
    private readonly storage: RecordingStorage,
    private readonly source: RecordingSource,
    private readonly jobs: JobsService,
    private readonly calls: CallQueriesService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(RENDER_RECORDING, {
      run: ({ recordingId }) => this.render(recordingId),
      onFailed: ({ recordingId }, error, em) => this.renderFailed(recordingId, error, em),
      maxAttempts: 5,
      backoff: { baseMs: 2_000, maxMs: 300_000 },
    });
    this.jobs.register(PURGE_RECORDINGS, {
      run: async () => {
        await this.purgeExpired();
        await this.source.sweep(this.clock.now());
      },
      everyMs: PURGE_EVERY_MS,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Whichever instance starts first writes the row; the others find it there.
    await this.jobs.ensureRecurring(PURGE_RECORDINGS, {});
  }

  /**
   * The hook of CallEngine's final transaction, for a batch of calls that just ended: each recorded call that was
   * completed with talk time gets a 'processing' recording (its length capped by the source), its
   * recording_url, and a render job, all in `em` (set-based: a few statements for the batch).
   */
  async callsEnded(calls: EndedCall[], em: EntityManager): Promise<void> {
    const recorded = calls.filter((call) => call.recorded && call.status === 'completed' && call.durationSeconds > 0);
    if (recorded.length === 0) return;
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.recordings.retentionDays * 86_400_000);
    const ids = await this.recordings.insertMany(
      recorded.map((call) => ({
        callId: call.id,
        userId: call.userId,
        durationSeconds: this.source.initialSeconds(call.durationSeconds),
        createdAt: now,
        expiresAt,
      })),
      em,
    );
    recorded.forEach((call, index) => (call.recordingUrl = mediaUrl(ids[index] as number)));
    await this.recordings.setRecordingUrls(
      recorded.map((call) => ({ callId: call.id, url: call.recordingUrl })),
      em,
    );
    await this.jobs.enqueueMany(
      em,
      RENDER_RECORDING,
      ids.map((recordingId) => ({ recordingId })),
    );
  }

  /** GET /calls/{id}/recordings: the call must be the user's (else 404). */
  async listForCall(userId: number, callId: number): Promise<RecordingDto[]> {
    await this.calls.get(userId, callId);
    return (await this.recordings.listByCall(callId)).map(toRecordingDto);
  }

  /** GET /admin/recordings. */
  async listAll(query: AdminRecordingsQueryDto): Promise<Paginated<AdminRecordingDto>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { from, to } = dateBounds(query);
    const [rows, total] = await this.recordings.listWithUsers({ userId: query.userId, from, to }, offset, pageSize);
    return paginated(rows.map(toAdminRecordingDto), total, page, pageSize);
  }

  /** The audio, or the part a Range header asks for; the owner's or, for admins, anyone's. */
  async media(principal: Principal, id: number, rangeHeader: string | undefined): Promise<RecordingMedia> {
    const recording = await this.visible(principal, id);
    if (recording.status === 'processing') {
      throw new ProblemException(HttpStatus.CONFLICT, 'The recording is still being processed; try again shortly');
    }
    if (recording.status !== 'completed' || recording.storageKey === null) {
      throw new ProblemException(HttpStatus.GONE, `The recording is ${recording.status}; its audio is gone`);
    }
    const size = recording.sizeBytes;
    const range = parseRange(rangeHeader, size);
    if (range === 'unsatisfiable') {
      throw new RangeNotSatisfiable(size);
    }
    const body = await this.storage.read(recording.storageKey, range ?? undefined);
    const headers: Record<string, string> = {
      'Content-Type': WAV_TYPE,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, no-store',
    };
    if (!range) return { status: HttpStatus.OK, headers: { ...headers, 'Content-Length': String(size) }, body };
    return {
      status: HttpStatus.PARTIAL_CONTENT,
      headers: {
        ...headers,
        'Content-Length': String(range.end - range.start + 1),
        'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
      },
      body,
    };
  }

  /** DELETE /recordings/{id}: the audio is removed and the recording kept as 'deleted' (again: nothing to do). */
  async delete(principal: Principal, id: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const recording = await this.recordings.findById(id, { lock: true, manager: em });
      if (!recording || !this.mayAccess(principal, recording)) throw notFound('Recording');
      if (recording.status === 'deleted') return;
      await this.remove([recording], em);
    });
  }

  /**
   * Deletes the audio of the expired recordings, a batch per transaction, until none is left. The rows are claimed
   * with SKIP LOCKED and marked in the transaction that holds them, so purges running at once in several instances
   * never delete one twice nor leave one behind. Returns how many it deleted.
   */
  async purgeExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const purged = await this.dataSource.transaction('READ COMMITTED', async (em) => {
        const expired = await this.recordings.claimExpired(this.clock.now(), PURGE_BATCH, em);
        await this.remove(expired, em);
        return expired.length;
      });
      total += purged;
      if (purged < PURGE_BATCH) return total;
    }
  }

  /** Deletes the audio of locked recordings (before the rows say so: a crash in between leaves nothing behind). */
  private async remove(recordings: RecordingRow[], em: EntityManager): Promise<void> {
    if (recordings.length === 0) return;
    for (const recording of recordings) {
      if (recording.storageKey) await this.storage.delete(recording.storageKey);
    }
    await this.recordings.markDeleted(
      recordings.map((r) => r.id),
      this.clock.now(),
      em,
    );
    await this.recordings.setRecordingUrls(
      recordings.map((r) => ({ callId: r.callId, url: null })),
      em,
    );
  }

  /** The render job: fetch and store the audio, then (fenced by the job's claim) mark the recording completed. */
  private async render(recordingId: number) {
    const recording = await this.recordings.findById(recordingId);
    if (!recording || recording.status !== 'processing') return;
    const call = await this.calls.get(recording.userId, recording.callId);
    const key = storageKey(recordingId);
    const { wav, durationSeconds } = await this.source.audio({
      recordingId,
      callSid: call.callSid,
      durationSeconds: recording.durationSeconds,
    });
    await this.storage.put(key, wav, WAV_TYPE);
    return async (em: EntityManager) => {
      const locked = await this.recordings.findById(recordingId, { lock: true, manager: em });
      if (locked?.status === 'processing') {
        await this.recordings.complete(recordingId, key, wav.length, durationSeconds, em);
      } else {
        // Deleted (or purged) while it rendered: the audio just written must not outlive it.
        await this.storage.delete(key);
      }
    };
  }

  private async renderFailed(recordingId: number, error: string, em: EntityManager): Promise<void> {
    this.logger.warn(`Recording ${recordingId} failed: ${error}`);
    const recording = await this.recordings.findById(recordingId, { lock: true, manager: em });
    if (recording?.status !== 'processing') return;
    await this.recordings.markFailed(recordingId, em);
    await this.recordings.setRecordingUrls([{ callId: recording.callId, url: null }], em);
  }

  private async visible(principal: Principal, id: number): Promise<RecordingRow> {
    const recording = await this.recordings.findById(id);
    if (!recording || !this.mayAccess(principal, recording)) throw notFound('Recording');
    return recording;
  }

  private mayAccess(principal: Principal, recording: RecordingRow): boolean {
    return recording.userId === principal.userId || principal.role === 'admin';
  }
}

function storageKey(recordingId: number): string {
  return `recordings/${recordingId}.wav`;
}
