import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { PollingLoop } from '../../common/worker/polling-loop';
import { backoffMs, JOB_DEFAULTS, JobHandler } from './job-kind';
import { ClaimedJob, JobClaim, JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

/** last_error keeps this much of a failure's message. */
const ERROR_MAX_LENGTH = 2000;

/**
 * Runs the jobs (docs/decisions/010-durable-jobs.md) in every instance: each tick claims due jobs with SKIP LOCKED
 * up to JOBS_CONCURRENCY running here at once, runs their handlers outside the claim's transaction while renewing
 * the lease, and ends each run in a transaction that first checks the claim still holds: success (with the handler's
 * writes), a retry after an exponential, jittered pause, or giving up after max attempts.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  /** This worker's name in jobs.claimed_by: unique per process start. */
  readonly workerId = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly running = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();
  private readonly loop = new PollingLoop(
    () => this.tick(),
    () => ({ pollMs: this.jobs.workerConfig.pollMs, batchSize: this.jobs.workerConfig.concurrency }),
    this.logger,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly repository: JobsRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.jobs.workerConfig.enabled) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
    this.shutdown.abort();
    await this.idle();
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Waits until every run started here has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Claims what the free slots allow and starts those runs (not awaited); returns how many were claimed. */
  async tick(): Promise<number> {
    const { concurrency } = this.jobs.workerConfig;
    while (this.running.size >= concurrency) await Promise.race(this.running);
    const now = this.clock.now();
    // Claimed with the longest lease any handler asks for; each run renews its own lease at once if it is shorter.
    const claimed = await this.dataSource.transaction('READ COMMITTED', (em) =>
      this.repository.claim(
        now,
        concurrency - this.running.size,
        this.workerId,
        new Date(now.getTime() + JOB_DEFAULTS.leaseMs),
        em,
      ),
    );
    for (const job of claimed) {
      const run: Promise<void> = this.execute(job)
        .catch((error: Error) => this.logger.warn(`Job ${job.id} (${job.kind}): ${error.message}`))
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }
    return claimed.length;
  }

  /** Ticks until nothing due is left and every run has ended (specs with JOBS=off drive the worker this way). */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.tick();
      await this.idle();
      if (claimed === 0) return;
    }
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const claim: JobClaim = { id: job.id, claimedBy: this.workerId, attempt: job.attempts };
    const handler = this.jobs.handlerOf(job.kind);
    if (!handler) {
      // Another version of the API enqueued it (a rolling deploy): retried later like a failure.
      await this.finishFailed(claim, job, undefined, `No handler for job kind ${job.kind} in this instance`);
      return;
    }
    if (job.attempts > job.maxAttempts) {
      // Its last attempt's worker died and its lease ran out.
      await this.finishFailed(claim, job, handler, 'The worker running its last attempt stopped');
      return;
    }
    const leaseMs = handler.leaseMs ?? JOB_DEFAULTS.leaseMs;
    const lease = new AbortController();
    const signal = AbortSignal.any([lease.signal, this.shutdown.signal]);
    const renew = async () => {
      const held = await this.repository.renew(claim, new Date(this.clock.now().getTime() + leaseMs)).catch(() => true); // the database away for a moment: the lease may still hold
      if (!held) lease.abort(new Error('The lease was lost'));
    };
    if (leaseMs !== JOB_DEFAULTS.leaseMs) await renew();
    const heartbeat = setInterval(() => void renew(), Math.max(10, Math.floor(leaseMs / 3)));
    try {
      let commit;
      try {
        commit = await handler.run(job.payload, {
          id: job.id,
          attempt: job.attempts,
          maxAttempts: job.maxAttempts,
          signal,
        });
      } catch (error) {
        clearInterval(heartbeat);
        await this.finishFailed(claim, job, handler, errorText(error));
        return;
      }
      clearInterval(heartbeat);
      await this.dataSource.transaction(async (em) => {
        if (!(await this.repository.lockClaim(claim, em))) throw new Error('The lease was lost; the run is dropped');
        if (commit) await commit(em);
        const now = this.clock.now();
        if (handler.everyMs !== undefined) {
          await this.repository.requeue(job.id, new Date(now.getTime() + handler.everyMs), null, true, em);
        } else {
          await this.repository.succeed(job.id, now, em);
        }
      });
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** A failed attempt: queued again after the backoff, or given up (with the handler's onFailed) after the last. */
  private async finishFailed(
    claim: JobClaim,
    job: ClaimedJob,
    handler: JobHandler<unknown> | undefined,
    error: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      if (!(await this.repository.lockClaim(claim, em))) return;
      const now = this.clock.now();
      if (job.attempts >= job.maxAttempts) {
        await handler?.onFailed?.(job.payload, error, em);
        await this.repository.fail(job.id, now, error, em);
        return;
      }
      const { baseMs, maxMs } = handler?.backoff ?? JOB_DEFAULTS.backoff;
      const dueAt = new Date(now.getTime() + backoffMs(job.attempts, baseMs, maxMs));
      await this.repository.requeue(job.id, dueAt, error, false, em);
    });
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.slice(0, ERROR_MAX_LENGTH);
}
