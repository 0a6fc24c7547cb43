import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LIMITS } from '@hh/contracts';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import type { Principal } from '../../common/guards/principal';
import { EventStreams } from './event-streams';

@ApiTags('live updates')
@Authenticated()
@Controller('events')
export class EventsController {
  constructor(private readonly streams: EventStreams) {}

  @Get()
  @ApiOperation({
    summary: 'Live updates (Server-Sent Events)',
    description:
      "A text/event-stream of the caller's own events, pushed as they happen: `call.updated` (data: the Call, " +
      'after every status change and notes edit), `number-request.updated` (data: the NumberRequest) and, for ' +
      'admins, `activity.created` (data: the entry as GET /admin/activity lists it, with `user` and ' +
      '`entityUser`). Authenticate with the usual Authorization header or ' +
      'X-API-Key (browsers: use fetch() with a stream reader, since EventSource cannot send headers). A comment ' +
      'line is sent every 15 s, and at each one the credential is checked again as on every request: the stream ' +
      'ends once the session is revoked, the API key revoked or expired, or the user suspended, and what it ' +
      'carries follows the current role (a demoted admin stops receiving activity). The stream also ends after ' +
      `an hour, and a user holds at most ${LIMITS.liveStreamsPerUser} streams (opening another ends the oldest); a ` +
      'reader that stops reading is disconnected. Reconnect on close (after a 401, refresh the session first).',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An event stream, ended by the server as described' })
  stream(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    reply.hijack();
    this.streams.open(principal, reply.raw, String(request.id));
  }
}
