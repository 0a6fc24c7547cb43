import type { ServerResponse } from 'node:http';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { LIMITS } from '@hh/contracts';
import { ProblemException } from '../../common/errors/problem.exception';
import {
  API_KEY_RESOLVER,
  type ApiKeyResolver,
  SESSION_RESOLVER,
  type SessionResolver,
} from '../../common/guards/credential-resolver';
import type { Principal } from '../../common/guards/principal';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { isAudience, RealtimeBus } from './realtime-bus';

/** Unsent bytes a stream may hold for a reader that does not keep up; beyond, the reader is dropped. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

interface OpenStream {
  userId: number;
  /** Ends the response: gracefully, or by destroying the socket of a reader that stopped reading. */
  close(how: 'end' | 'drop'): void;
}

/**
 * The open GET /events streams of this instance. Each stream re-checks its credential at every heartbeat with
 * the lookups of the authentication guard (the API key row and its owner; the session and its user), ends once
 * it no longer holds, filters events by the role read at that check (a demoted admin stops receiving activity),
 * and ends after a maximum lifetime so clients reconnect and authenticate afresh. A user holds at most
 * LIMITS.liveStreamsPerUser streams in this instance (opening one more ends their oldest), and a reader that lets
 * MAX_BUFFERED_BYTES pile up is dropped rather than buffered without bound.
 */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger('EventStreams');
  /** Per user, in the order they were opened (a Set keeps insertion order). */
  private readonly byUser = new Map<number, Set<OpenStream>>();

  constructor(
    private readonly bus: RealtimeBus,
    @Inject(API_KEY_RESOLVER) private readonly apiKeys: ApiKeyResolver,
    @Inject(SESSION_RESOLVER) private readonly sessions: SessionResolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  open(principal: Principal, raw: ServerResponse, requestId: string): void {
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': requestId,
    });

    let current = principal;
    let closed = false;
    const send = (chunk: string) => {
      if (closed || raw.destroyed) return;
      raw.write(chunk);
      // write() returning false only means "above the high-water mark"; a reader that never catches up lets the
      // buffer grow with every event, so past the bound it is dropped (it reconnects and re-fetches).
      if (raw.writableLength > MAX_BUFFERED_BYTES) {
        this.logger.warn(`Dropped a live-update stream of user ${current.userId}: the reader is not keeping up`);
        stream.close('drop');
      }
    };

    const subscription = this.bus.events$.subscribe((event) => {
      if (isAudience(event.audience, current)) send(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
    });

    let checking = false;
    const heartbeat = setInterval(() => {
      if (checking) return;
      checking = true;
      void this.recheck(current)
        .then((fresh) => {
          if (fresh === null) return stream.close('end');
          if (fresh) current = fresh; // the role (and status) read now decide what the stream carries
          send(': ping\n\n');
        })
        .finally(() => (checking = false));
    }, this.config.events.heartbeatMs);
    const lifetime = setTimeout(() => stream.close('end'), this.config.events.maxLifetimeMs);

    const stream: OpenStream = {
      userId: principal.userId,
      close: (how) => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        subscription.unsubscribe();
        const mine = this.byUser.get(principal.userId);
        mine?.delete(stream);
        if (mine?.size === 0) this.byUser.delete(principal.userId);
        if (how === 'drop') raw.destroy();
        else raw.end();
      },
    };
    raw.on('close', () => stream.close('end'));
    raw.on('error', () => stream.close('drop'));

    const mine = this.byUser.get(principal.userId) ?? new Set<OpenStream>();
    for (const oldest of mine) {
      if (mine.size < LIMITS.liveStreamsPerUser) break;
      oldest.close('end');
    }
    mine.add(stream);
    this.byUser.set(principal.userId, mine);

    raw.write(': connected\n\n');
  }

  /** Open streams of a user in this instance (for tests and diagnostics). */
  countOf(userId: number): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** Ends every stream on shutdown, so the process can exit and browsers reconnect to a live instance. */
  beforeApplicationShutdown(): void {
    for (const streams of [...this.byUser.values()]) for (const stream of [...streams]) stream.close('end');
  }

  /**
   * The principal as the guard would resolve it now: null once the credential no longer holds, undefined when
   * the database could not tell (a hiccup is not a reason to drop the stream; its lifetime bounds it anyway).
   */
  private async recheck(principal: Principal): Promise<Principal | null | undefined> {
    try {
      if (principal.via === 'api-key' && principal.apiKeyId !== undefined) {
        return await this.apiKeys.resolveApiKeyById(principal.apiKeyId);
      }
      if (principal.via === 'session' && principal.sessionId) {
        return await this.sessions.resolveSession(principal.sessionId, principal.userId);
      }
      return null;
    } catch (error) {
      if (error instanceof ProblemException) return null;
      return undefined;
    }
  }
}
