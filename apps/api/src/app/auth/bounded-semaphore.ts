/** Thrown by BoundedSemaphore.run when every slot is taken and the queue is full. */
export class QueueFullError extends Error {
  constructor() {
    super('The queue is full');
    this.name = 'QueueFullError';
  }
}

/**
 * Runs at most `concurrency` tasks at once; up to `queueLimit` more wait in arrival order, and beyond that a
 * task is refused at once (QueueFullError) instead of piling up without bound.
 */
export class BoundedSemaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queueLimit: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) throw new QueueFullError();
      // The slot is handed over by release(), so active never drops below the limit while tasks wait.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
