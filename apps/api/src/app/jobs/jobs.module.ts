import { Module } from '@nestjs/common';
import { JobWorker } from './job-worker';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

/**
 * Durable background jobs (docs/decisions/010-durable-jobs.md): the jobs table (JobsRepository), JobsService
 * (handlers by kind, enqueue in the caller's transaction) and JobWorker, the worker of every instance (JOBS=off
 * stops it here). Features import this module and use JobsService.
 */
@Module({
  providers: [JobsRepository, JobsService, JobWorker],
  exports: [JobsService],
})
export class JobsModule {}
