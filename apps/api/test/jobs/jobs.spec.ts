import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { jobKind, JobKind } from '../../src/app/jobs/job-kind';
import { JobWorker } from '../../src/app/jobs/job-worker';
import { JobsRepository } from '../../src/app/jobs/jobs.repository';
import { JobsService } from '../../src/app/jobs/jobs.service';
import { Clock } from '../../src/common/clock';
import { ManualClock } from '../support/calls';
import { startTestApp, TestApp } from '../support/test-app';

interface JobRow {
  id: number;
  status: string;
  attempts: number;
  due_at: Date;
  claimed_by: string | null;
  last_error: string | null;
  finished_at: Date | null;
}

const secret = randomBytes(32).toString('base64url');
let kindCounter = 0;
/** A kind of its own per test, so a handler registered by one test never meets another test's jobs. */
const freshKind = <P>(): JobKind<P> => jobKind<P>(`spec.kind${++kindCounter}`);

async function enqueue<P>(t: TestApp, kind: JobKind<P>, payloads: P[]): Promise<void> {
  await t.app.get(DataSource).transaction((em) => t.app.get(JobsService).enqueueMany(em, kind, payloads));
}

function jobsOf(t: TestApp, kind: JobKind<unknown>): Promise<JobRow[]> {
  return t.sql<JobRow>('SELECT * FROM jobs WHERE kind = ? ORDER BY id', [kind.name]);
}

/**
 * The durable jobs (docs/decisions/010-durable-jobs.md) against MariaDB: what is enqueued survives a restart, N
 * instances run each job once, failures come back after an exponential, jittered backoff until max attempts, and a
 * lease keeps a running job from a second worker until its worker stops renewing it.
 */
describe('durable jobs', () => {
  let t: TestApp;

  beforeAll(async () => {
    // This app's close drops the database; the other instances of a test keep it (keepDatabase).
    t = await startTestApp({ JOBS: 'off', JWT_SECRET: secret });
  });
  afterAll(() => t.close());

  it('enqueues inside the caller’s transaction: a rolled-back transaction leaves no job', async () => {
    const kind = freshKind<{ n: number }>();
    await t.app
      .get(DataSource)
      .transaction(async (em) => {
        await t.app.get(JobsService).enqueue(em, kind, { n: 1 });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await jobsOf(t, kind)).toEqual([]);
  });

  it('loses nothing across a restart: jobs enqueued before run after it, once each', async () => {
    const kind = freshKind<{ n: number }>();
    await enqueue(
      t,
      kind,
      Array.from({ length: 20 }, (_, n) => ({ n })),
    );
    const restarted = await startTestApp(
      { JOBS: 'off', JWT_SECRET: secret },
      { database: t.database, keepDatabase: true },
    );
    try {
      const seen: number[] = [];
      restarted.app.get(JobsService).register(kind, {
        run: async ({ n }) => {
          seen.push(n);
        },
      });
      await restarted.app.get(JobWorker).drain();
      expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
      expect((await jobsOf(t, kind)).map((job) => job.status)).toEqual(Array(20).fill('succeeded'));
    } finally {
      await restarted.close();
    }
  });

  it('runs each job exactly once with two instances working at once, and commits its writes once', async () => {
    const kind = freshKind<{ n: number }>();
    const runs = new Map<number, number>();
    const commits = new Map<number, number>();
    const other = await startTestApp(
      { JOBS: 'off', JOBS_CONCURRENCY: '3', JWT_SECRET: secret },
      { database: t.database, keepDatabase: true },
    );
    try {
      const instances = new Set<number>();
      for (const [index, app] of [t.app, other.app].entries()) {
        app.get(JobsService).register(kind, {
          run: async ({ n }) => {
            instances.add(index);
            runs.set(n, (runs.get(n) ?? 0) + 1);
            await new Promise((resolve) => setTimeout(resolve, 5));
            return async () => {
              commits.set(n, (commits.get(n) ?? 0) + 1);
            };
          },
        });
      }
      await enqueue(
        t,
        kind,
        Array.from({ length: 120 }, (_, n) => ({ n })),
      );
      // This instance starts (the other could otherwise finish them all alone), then both drain at once.
      expect(await t.app.get(JobWorker).tick()).toBeGreaterThan(0);
      await Promise.all([t.app.get(JobWorker).drain(), other.app.get(JobWorker).drain()]);
      expect(runs.size).toBe(120);
      expect([...runs.values()].every((count) => count === 1)).toBe(true);
      expect([...commits.values()].every((count) => count === 1)).toBe(true);
      const rows = await jobsOf(t, kind);
      expect(rows.every((row) => row.status === 'succeeded' && row.attempts === 1)).toBe(true);
      // Both instances took part.
      expect([...instances].sort()).toEqual([0, 1]);
    } finally {
      await other.close();
    }
  });

  it('retries a failing job with exponential, jittered backoff and gives up after max attempts', async () => {
    const clock = ManualClock.install(t, Date.parse('2032-05-01T00:00:00Z'));
    const kind = freshKind<{ n: number }>();
    const failures: string[] = [];
    let attempts = 0;
    t.app.get(JobsService).register(kind, {
      run: async (_payload, job) => {
        attempts += 1;
        expect(job.attempt).toBe(attempts);
        throw new Error(`boom ${job.attempt}`);
      },
      onFailed: async (_payload, error) => {
        failures.push(error);
      },
      maxAttempts: 3,
      backoff: { baseMs: 10_000, maxMs: 15_000 },
    });
    await enqueue(t, kind, [{ n: 1 }]);
    const worker = t.app.get(JobWorker);

    const delays: number[] = [];
    for (const attempt of [1, 2]) {
      await worker.drain();
      const [row] = await jobsOf(t, kind);
      expect(row).toMatchObject({ status: 'queued', attempts: attempt, last_error: `boom ${attempt}` });
      const delay = (row as JobRow).due_at.getTime() - clock.now().getTime();
      delays.push(delay);
      // Not before it is due…
      clock.advance(delay - 1);
      await worker.drain();
      expect(attempts).toBe(attempt);
      clock.advance(1);
    }
    // 10 s × 2^(n-1), capped at 15 s, each between half and all of it.
    expect(delays[0]).toBeGreaterThanOrEqual(5_000);
    expect(delays[0]).toBeLessThanOrEqual(10_000);
    expect(delays[1]).toBeGreaterThanOrEqual(7_500);
    expect(delays[1]).toBeLessThanOrEqual(15_000);

    await worker.drain();
    const [row] = await jobsOf(t, kind);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom 3', claimed_by: null });
    expect(row?.finished_at?.getTime()).toBe(clock.now().getTime());
    expect(failures).toEqual(['boom 3']);
    clock.advance(3_600_000);
    await worker.drain();
    expect(attempts).toBe(3);
  });

  it('takes a crashed worker’s job again once its lease ran out, and refuses the dead claim’s late end', async () => {
    const clock = ManualClock.install(t, Date.parse('2032-06-01T00:00:00Z'));
    const kind = freshKind<{ n: number }>();
    let runs = 0;
    t.app.get(JobsService).register(kind, {
      run: async () => {
        runs += 1;
      },
    });
    await enqueue(t, kind, [{ n: 1 }]);
    // A worker claims it and dies: the row is 'running', leased for 60 s, and nobody renews it.
    const repository = t.app.get(JobsRepository);
    const dead = await t.app
      .get(DataSource)
      .transaction('READ COMMITTED', (em) =>
        repository.claim(clock.now(), 10, 'dead-worker', new Date(clock.now().getTime() + 60_000), em),
      );
    // (The recordings' recurring purge is due in this far future too, and taken along.)
    expect(dead.filter((job) => job.kind === kind.name).map((job) => job.attempts)).toEqual([1]);
    const worker = t.app.get(JobWorker);

    clock.advance(59_999);
    await worker.drain();
    expect(runs).toBe(0);
    clock.advance(1);
    await worker.drain();
    expect(runs).toBe(1);
    const [row] = await jobsOf(t, kind);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2 });
    // The dead worker's claim (attempt 1) no longer holds: nothing it would write goes through.
    const held = await t.app
      .get(DataSource)
      .transaction((em) => repository.lockClaim({ id: row?.id as number, claimedBy: 'dead-worker', attempt: 1 }, em));
    expect(held).toBe(false);
  });

  it('renews the lease of a long job, so another live instance never takes it meanwhile', async () => {
    const kind = freshKind<{ n: number }>();
    let runs = 0;
    const other = await startTestApp({ JOBS: 'off', JWT_SECRET: secret }, { database: t.database, keepDatabase: true });
    try {
      for (const app of [t.app, other.app]) {
        app.get(JobsService).register(kind, {
          run: async () => {
            runs += 1;
            await new Promise((resolve) => setTimeout(resolve, 1_000));
          },
          leaseMs: 300,
        });
      }
      // Real time in both instances: the lease is renewed against the clock the other instance claims by.
      t.app.get(Clock).now = () => new Date();
      await enqueue(t, kind, [{ n: 1 }]);
      const first = t.app.get(JobWorker);
      expect(await first.tick()).toBe(1);
      // The run lasts over three leases; the other instance keeps looking all along.
      const deadline = Date.now() + 1_200;
      while (Date.now() < deadline) {
        await other.app.get(JobWorker).tick();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await first.idle();
      expect(runs).toBe(1);
      expect((await jobsOf(t, kind))[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
    } finally {
      await other.close();
    }
  });
});
