import { BeforeApplicationShutdown, Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { filter } from 'rxjs';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import type { Principal } from '../../common/guards/principal';
import { SessionsService } from '../auth/sessions.service';
import { isAudience, RealtimeBus } from './realtime-bus.service';

const HEARTBEAT_MS = 15_000;

@ApiTags('live updates')
@Authenticated()
@Controller('events')
export class EventsController implements BeforeApplicationShutdown {
  /** Open streams, ended on shutdown so the process can exit and browsers reconnect to a live instance. */
  private readonly open = new Set<() => void>();

  constructor(
    private readonly bus: RealtimeBus,
    private readonly sessions: SessionsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Live updates (Server-Sent Events)',
    description:
      "A text/event-stream of the caller's own events, pushed as they happen: `call.updated` (data: the Call, " +
      'after every status change and notes edit), `number-request.updated` (data: the NumberRequest) and, for ' +
      'admins, `activity.created` (data: the ActivityLog). Authenticate with the usual Authorization header ' +
      '(browsers: use fetch() with a stream reader, since EventSource cannot send headers). A comment line ' +
      'is sent every 15 s; the stream ends when the session is revoked. Reconnect on close.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An endless event stream' })
  stream(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': String(request.id),
    });
    raw.write(': connected\n\n');

    const subscription = this.bus.events$
      .pipe(filter((event) => isAudience(event.audience, principal)))
      .subscribe((event) => raw.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`));

    // The heartbeat also re-checks the credential, so a logout or suspension ends the stream.
    const heartbeat = setInterval(() => {
      void this.stillAllowed(principal).then((allowed) => {
        if (allowed) raw.write(': ping\n\n');
        else raw.end();
      });
    }, HEARTBEAT_MS);

    const close = () => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
      this.open.delete(end);
    };
    const end = () => {
      close();
      raw.end();
    };
    this.open.add(end);
    raw.on('close', close);
    raw.on('error', close);
  }

  beforeApplicationShutdown(): void {
    for (const end of [...this.open]) end();
  }

  private async stillAllowed(principal: Principal): Promise<boolean> {
    if (principal.via !== 'session' || !principal.sessionId) return true;
    try {
      const live = await this.sessions.findLive(principal.sessionId);
      return !!live && live.user.status !== 'suspended';
    } catch {
      return true; // a database hiccup is not a reason to drop the stream
    }
  }
}
