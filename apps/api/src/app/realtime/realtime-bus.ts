import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { Observable, Subject } from 'rxjs';
import type { UserRole } from '@hh/contracts';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** Who may receive an event: one user (their own calls and requests) or every admin (new activity). */
export type Audience = { userId: number } | { role: UserRole };

export interface RealtimeEvent {
  event: string;
  data: unknown;
  audience: Audience;
}

/**
 * Fans events out to the live connections of this instance. In one process an in-memory subject carries them;
 * with REDIS_URL every instance publishes to and listens on one Redis channel, so an event produced on one
 * instance (a call transition claimed there) reaches a browser connected to another.
 */
@Injectable()
export class RealtimeBus implements OnModuleDestroy {
  private readonly logger = new Logger('RealtimeBus');
  private readonly subject = new Subject<RealtimeEvent>();
  private readonly publisher?: Redis;
  private readonly subscriber?: Redis;
  /** One channel per database: instances of another deployment sharing the Redis never see these events. */
  private readonly channel: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.channel = `hh:realtime:${config.db.database}`;
    if (config.redisUrl) {
      this.publisher = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
      this.subscriber = new Redis(config.redisUrl);
      void this.subscriber
        .subscribe(this.channel)
        .catch((error: Error) => this.logger.error(`Redis subscribe failed: ${error.message}`));
      this.subscriber.on('message', (_channel, message: string) => {
        try {
          this.subject.next(JSON.parse(message) as RealtimeEvent);
        } catch {
          this.logger.warn('Dropped a malformed realtime message');
        }
      });
    }
  }

  get events$(): Observable<RealtimeEvent> {
    return this.subject.asObservable();
  }

  publish(event: RealtimeEvent): void {
    if (this.publisher) {
      this.publisher.publish(this.channel, JSON.stringify(event)).catch((error: Error) => {
        this.logger.warn(`Redis publish failed (${error.message}); delivering locally only`);
        this.subject.next(event);
      });
    } else {
      this.subject.next(event);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.subject.complete();
    await Promise.all([this.publisher?.quit(), this.subscriber?.quit()].map((p) => p?.catch(() => undefined)));
  }
}

export function isAudience(audience: Audience, user: { userId: number; role: UserRole }): boolean {
  return 'userId' in audience ? audience.userId === user.userId : audience.role === user.role;
}
