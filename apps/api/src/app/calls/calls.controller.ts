import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { LIMITS, RATE_LIMITS, type CallStats, type Paginated } from '@hh/contracts';
import { Audit, type AuditContext } from '../../common/audit/audit-context';
import { Clock } from '../../common/clock';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { IdParamPipe } from '../../common/http/id-param.pipe';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Principal } from '../../common/guards/principal';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';
import { CallPlacementService } from './call-placement.service';
import { CallQueriesService } from './call-queries.service';
import { CallStatsService } from './call-stats.service';
import { CallStatsDto } from './dto/call-stats.dto';
import {
  CallStatsQueryDto,
  ExportCallsQueryDto,
  ListCallsQueryDto,
  PlaceCallDto,
  SendDigitsDto,
  UpdateCallDto,
} from './dto/call-requests.dto';
import { CallDto } from './dto/call.dto';
import { ContactsService } from '../contacts/contacts.service';
import { EXPORT_RETRY_AFTER_SECONDS, ExportSlots } from './export-slots';

@ApiTags('calls')
@Authenticated()
@ApiExtraModels(CallDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('calls')
export class CallsController {
  constructor(
    private readonly placement: CallPlacementService,
    private readonly queries: CallQueriesService,
    private readonly callStats: CallStatsService,
    private readonly exportSlots: ExportSlots,
    private readonly clock: Clock,
    private readonly contacts: ContactsService,
  ) {}

  @Post()
  @RateLimit('calls')
  @ApiOperation({
    summary: 'Place a call through the VoIP provider',
    description:
      'Starts an outbound call from one of your assigned numbers (default: your first). The call is `initiated`; ' +
      'follow it with GET /calls/{id} or the live events. With the mock provider (GET /telephony), test numbers: ' +
      '+15005550001 fails, +15005550002 is busy, +15005550003 is not answered, +15005550004 is answered and ' +
      'completes after 30 s, +15005550005 stays in progress until hung up. At most ' +
      `${RATE_LIMITS.calls.limit} calls per minute per user (429).\n\n` +
      'With real calls (`sip`), your signed-in dialer (a WebRTC softphone) dials the call: it has no `callSid` until ' +
      'then, and fails if no softphone dials it within 30 s. A call placed with an API key is sent to your open ' +
      'dialers (live event `call.dial`); without one online the answer is 409. Real calls are also guarded against ' +
      'toll fraud: a destination country the server does not allow is a 403; as many calls in progress at once as ' +
      "the server allows, or today's spend (UTC) at its daily cap, a 409.",
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Repeating a request with the same key (same user, within 24 h) returns the same call, never a second one',
  })
  @ApiCreatedResponse({
    type: CallDto,
    description: 'The call (also when replayed for an Idempotency-Key: header Idempotent-Replayed: true)',
  })
  @ApiConflictResponse({
    description:
      'No assigned number yet, or the Idempotency-Key was used with another request; with real calls: too many ' +
      "calls in progress, today's spend cap reached, or (API key) no softphone online to dial it",
    type: ProblemDto,
  })
  @ApiForbiddenResponse({
    description:
      'The account is suspended or awaiting approval; with real calls: the destination country is not allowed',
    type: ProblemDto,
  })
  async place(
    @Body() dto: PlaceCallDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Audit() audit: AuditContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CallDto> {
    const result = await this.placement.place(audit, dto, idempotencyKey);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return this.named(audit.actor.userId, result.call);
  }

  @Get()
  @ApiOperation({
    summary: 'My calls, newest first by default (admins too see only their own here; all calls: /admin/calls)',
  })
  @ApiPaginatedResponse(CallDto)
  async list(@Query() query: ListCallsQueryDto, @CurrentPrincipal() principal: Principal): Promise<Paginated<CallDto>> {
    const page = await this.queries.list(principal.userId, query);
    await this.contacts.nameCalls(principal.userId, page.data);
    return page;
  }

  @Get('stats')
  @ApiOperation({
    summary: 'My call statistics over a date range',
    description:
      'successful = completed; failed = failed + busy + no_answer; successRate = successful / (successful + failed), 0 when none',
  })
  @ApiOkResponse({ type: CallStatsDto })
  stats(@Query() range: CallStatsQueryDto, @CurrentPrincipal() principal: Principal): Promise<CallStats> {
    return this.callStats.stats(principal.userId, range);
  }

  @Get('export')
  @ApiOperation({
    summary: 'My calls as CSV (same filters as the list; every matching row, streamed)',
    description:
      `At most ${LIMITS.concurrentExports} exports of a user run at once (each reads from the database until its last ` +
      'row is sent); another one is answered 429 with Retry-After. Closing the connection ends the export at once.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv with a header row' })
  @ApiTooManyRequestsResponse({
    description: `${LIMITS.concurrentExports} exports of yours are already running; see Retry-After`,
    type: ProblemDto,
  })
  async export(
    @Query() query: ExportCallsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    let release: () => void;
    try {
      release = this.exportSlots.acquire(principal.userId);
    } catch (error) {
      reply.header('Retry-After', String(EXPORT_RETRY_AFTER_SECONDS));
      throw error;
    }
    let stream: Readable;
    try {
      stream = await this.queries.exportCsv(principal.userId, query);
    } catch (error) {
      release();
      throw error;
    }
    stream.once('close', release);
    // A client that left while the query started, or leaves mid-way: destroying the stream ends the query.
    if (reply.raw.destroyed) stream.destroy();
    else reply.raw.once('close', () => stream.destroy());
    const date = this.clock.now().toISOString().slice(0, 10);
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="calls-${date}.csv"`,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of my calls' })
  @ApiOkResponse({ type: CallDto })
  @ApiNotFoundResponse({ description: 'No such call of yours', type: ProblemDto })
  async get(@Param('id', IdParamPipe) id: number, @CurrentPrincipal() principal: Principal): Promise<CallDto> {
    return this.named(principal.userId, await this.queries.get(principal.userId, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Hang up a call, or edit its notes',
    description:
      'status: initiated/ringing → canceled, in_progress → completed (duration and cost computed then). Any other ' +
      'transition: 409. A real call (sip) is also ended on the SIP server. With the mock, a call between two users ' +
      "ends for both: before the answer the caller's call is canceled and the callee's is no_answer (missed, also " +
      'when the callee hangs up an inbound call that rings), after it both complete with the same duration.',
  })
  @ApiOkResponse({ type: CallDto })
  @ApiNotFoundResponse({ description: 'No such call of yours', type: ProblemDto })
  @ApiConflictResponse({
    description: 'Not a transition the caller may make from the current status',
    type: ProblemDto,
  })
  async update(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: UpdateCallDto,
    @Audit() audit: AuditContext,
  ): Promise<CallDto> {
    return this.named(audit.actor.userId, await this.placement.update(audit, id, dto));
  }

  @Post(':id/answer')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Answer one of my ringing inbound calls (mock provider)',
    description:
      "Both legs of the call (yours and, on-net, the caller's) become `in_progress`. A call rings for 25 s (live " +
      'event `call.incoming`), then ends `no_answer`. With real calls (`sip`) the softphone answers: 409.',
  })
  @ApiOkResponse({ type: CallDto })
  @ApiNotFoundResponse({ description: 'No such call of yours', type: ProblemDto })
  @ApiConflictResponse({
    description: 'The call is not inbound, not ringing (answered, declined, ended…), or a real call',
    type: ProblemDto,
  })
  async answer(@Param('id', IdParamPipe) id: number, @Audit() audit: AuditContext): Promise<CallDto> {
    return this.named(audit.actor.userId, await this.placement.answer(audit, id));
  }

  @Post(':id/decline')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Decline one of my ringing inbound calls (mock provider)',
    description: "Both legs of the call (yours and, on-net, the caller's) end `busy`. With real calls: 409.",
  })
  @ApiOkResponse({ type: CallDto })
  @ApiNotFoundResponse({ description: 'No such call of yours', type: ProblemDto })
  @ApiConflictResponse({
    description: 'The call is not inbound, not ringing (answered, declined, ended…), or a real call',
    type: ProblemDto,
  })
  async decline(@Param('id', IdParamPipe) id: number, @Audit() audit: AuditContext): Promise<CallDto> {
    return this.named(audit.actor.userId, await this.placement.decline(audit, id));
  }

  /** The call with `contactName` where one of my contacts holds the other party's number. */
  private async named(userId: number, call: CallDto): Promise<CallDto> {
    await this.contacts.nameCalls(userId, [call]);
    return call;
  }

  @Post(':id/digits')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send DTMF digits during an answered call',
    description: "With real calls the softphone sends digits in the call's audio (RFC 4733): this answers 409",
  })
  @ApiAcceptedResponse({ description: 'Sent to the provider' })
  @ApiNotFoundResponse({ description: 'No such call of yours', type: ProblemDto })
  @ApiConflictResponse({ description: 'The call is not in progress, or the call is a real one', type: ProblemDto })
  async sendDigits(
    @Param('id', IdParamPipe) id: number,
    @Body() dto: SendDigitsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ callId: number; digits: string }> {
    await this.placement.sendDigits(principal.userId, id, dto.digits);
    return { callId: id, digits: dto.digits };
  }
}
