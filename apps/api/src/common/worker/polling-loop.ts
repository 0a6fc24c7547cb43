import { Logger } from '@nestjs/common';

export interface PollingLoopOptions {
  /** The pause after a tick that found less than a full batch. */
  pollMs: number;
  /** A tick that applied this many goes again at once: there is likely more waiting. */
  batchSize: number;
  /** The pause after a tick that failed (the database away, a deadlock), before trying again. */
  retryMs?: number;
}

/**
 * The loop of a durable worker (the call engine, the SIP event inbox): tick, and when the tick found less than a full
 * batch, wait `pollMs` (stop() wakes it at once); a failed tick is logged and retried after `retryMs`. The tick is
 * called through the given function each time, so a spec that replaces a worker's tick method is obeyed.
 */
export class PollingLoop {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly tick: () => Promise<number>,
    private readonly options: () => PollingLoopOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const { pollMs, batchSize, retryMs = 1000 } = this.options();
      let applied = 0;
      try {
        applied = await this.tick();
      } catch (error) {
        this.logger.warn(`Tick failed (${(error as Error).message}); retrying`);
        await this.sleep(retryMs);
        continue;
      }
      if (applied < batchSize) await this.sleep(pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
