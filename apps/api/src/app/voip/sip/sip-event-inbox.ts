import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { Clock } from '../../../common/clock';
import { PollingLoop } from '../../../common/worker/polling-loop';
import { CallEngine } from '../../calls/call-engine';
import type { CallEntity } from '../../calls/call.entity';
import { eventsInOrder, reportsOf } from './sip-events';
import { SipEventRepository } from './sip-event.repository';

/** How often an idle inbox looks for new events, and how many it takes at once. */
const POLL_MS = 200;
const BATCH_SIZE = 200;

/**
 * Applies Kamailio's call events (the sip_events inbox, docs/telephony.md) to the calls, in every API instance, like
 * the call engine: each tick claims unprocessed events in id order with FOR UPDATE SKIP LOCKED (READ COMMITTED),
 * applies them to the calls' rows through CallEngine.applyProviderReports (which locks those rows, so the engine's
 * safety deadline and an event never both apply), marks them processed in the same transaction and publishes the
 * calls after the commit. Events written while no API ran are applied when one starts, with their own times; N
 * instances apply each event once.
 */
@Injectable()
export class SipEventInbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SipEventInbox');
  private readonly loop = new PollingLoop(
    () => this.tick(),
    () => ({ pollMs: POLL_MS, batchSize: BATCH_SIZE }),
    this.logger,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: SipEventRepository,
    private readonly engine: CallEngine,
  ) {}

  onApplicationBootstrap(): void {
    // CALL_ENGINE=off stops this instance's workers (specs drive them by hand); the mock has no inbox.
    if (this.config.engine.enabled && this.config.voip.sip) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Claims and applies one batch of events; returns how many were applied (deferred ones wait for a later tick). */
  async tick(limit = BATCH_SIZE): Promise<number> {
    const { applied, calls } = await this.dataSource.transaction('READ COMMITTED', async (em) => {
      const claimed = await this.events.claim(limit, em);
      if (claimed.length === 0) return { applied: 0, calls: [] as CallEntity[] };
      const first = await this.events.firstUnprocessed([...new Set(claimed.map((e) => e.sipCallId))], em);
      const ready = eventsInOrder(claimed, first);
      const calls = await this.engine.applyProviderReports(em, ready.flatMap(reportsOf));
      await this.events.markProcessed(
        ready.map((e) => e.id),
        this.clock.now(),
        em,
      );
      return { applied: ready.length, calls };
    });
    this.engine.publish(calls);
    return applied;
  }
}
