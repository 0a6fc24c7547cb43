import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../common/clock';
import { JOB_DEFAULTS, JobHandler, JobKind } from './job-kind';
import { JobsRepository } from './jobs.repository';

export interface EnqueueOptions {
  /** Run no earlier than this much after now (default: at once). */
  delayMs?: number;
  /** One job per key: enqueuing again while a row with the key exists writes nothing. */
  uniqueKey?: string;
}

/**
 * The durable jobs of every feature (docs/decisions/010-durable-jobs.md): a feature registers a handler per kind
 * when it starts and enqueues jobs inside its own transaction, so a job exists exactly when the change that asked
 * for it committed. JobWorker (every instance, JOBS=on) claims and runs them.
 */
@Injectable()
export class JobsService {
  private readonly handlers = new Map<string, JobHandler<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: JobsRepository,
  ) {}

  /** Registers the handler of a kind (once per kind, when the feature's module starts). */
  register<P>(kind: JobKind<P>, handler: JobHandler<P>): void {
    if (this.handlers.has(kind.name)) throw new Error(`Job kind ${kind.name} already has a handler`);
    this.handlers.set(kind.name, handler as JobHandler<unknown>);
  }

  handlerOf(kind: string): JobHandler<unknown> | undefined {
    return this.handlers.get(kind);
  }

  /** Enqueues a job in the caller's transaction: it is written, and run, only if that transaction commits. */
  async enqueue<P>(em: EntityManager, kind: JobKind<P>, payload: P, options: EnqueueOptions = {}): Promise<void> {
    await this.enqueueMany(em, kind, [payload], options);
  }

  async enqueueMany<P>(em: EntityManager, kind: JobKind<P>, payloads: P[], options: EnqueueOptions = {}) {
    const handler = this.handlers.get(kind.name);
    const dueAt = new Date(this.clock.now().getTime() + (options.delayMs ?? 0));
    for (const payload of payloads) {
      await this.jobs.insert(
        {
          kind: kind.name,
          payload,
          dueAt,
          maxAttempts: handler?.maxAttempts ?? JOB_DEFAULTS.maxAttempts,
          uniqueKey: options.uniqueKey,
        },
        em,
      );
    }
  }

  /**
   * Makes sure the recurring job of a kind exists (one row, keyed by the kind, whichever instance starts first);
   * its handler's everyMs puts it back in the queue after each run.
   */
  async ensureRecurring<P>(kind: JobKind<P>, payload: P, firstDelayMs = 0): Promise<void> {
    await this.dataSource.transaction((em) =>
      this.enqueue(em, kind, payload, { delayMs: firstDelayMs, uniqueKey: `recurring:${kind.name}` }),
    );
  }

  get workerConfig(): AppConfig['jobs'] {
    return this.config.jobs;
  }
}
