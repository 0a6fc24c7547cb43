import { Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPartialContentResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import type { Principal } from '../../common/guards/principal';
import { IdParamPipe } from '../../common/http/id-param.pipe';
import { ProblemDto } from '../../common/http/problem.dto';
import { RecordingListDto } from './dto/recording.dto';
import { RangeNotSatisfiable, RecordingsService } from './recordings.service';

@ApiTags('recordings')
@Authenticated()
@Controller()
export class RecordingsController {
  constructor(private readonly recordings: RecordingsService) {}

  @Get('calls/:id/recordings')
  @ApiOperation({
    summary: 'The recordings of one of my calls',
    description:
      'A call is recorded when its number records calls (recordCalls) or POST /calls sent record: true. Its recording ' +
      'is created when the call completes with talk time, as processing, and becomes completed once its audio is ' +
      'written (moments later); an unrecorded call has none.',
  })
  @ApiOkResponse({ type: RecordingListDto })
  @ApiNotFoundResponse({ description: 'No such call of yours', type: ProblemDto })
  async listForCall(
    @Param('id', IdParamPipe) id: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RecordingListDto> {
    return { data: await this.recordings.listForCall(principal.userId, id) };
  }

  @Get('recordings/:id/media')
  @ApiOperation({
    summary: 'The audio of a recording (audio/wav), whole or a byte range',
    description:
      'Yours, or any for an admin. Honours one `Range: bytes=…` range (a-b, a- or the suffix -n): 206 with ' +
      'Content-Range; a range starting past the end is a 416 with `Content-Range: bytes */size`; without Range, 200 ' +
      'with Accept-Ranges: bytes and Content-Length. The audio is streamed by the API from its storage (local disk or ' +
      'S3) in both cases.',
  })
  @ApiProduces('audio/wav')
  @ApiHeader({ name: 'Range', required: false, description: 'e.g. bytes=0-99, bytes=100- or bytes=-500' })
  @ApiOkResponse({ description: 'The whole recording (audio/wav)' })
  @ApiPartialContentResponse({ description: 'The range asked for, with Content-Range' })
  @ApiResponse({
    status: HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
    description: 'The range starts past the end; Content-Range: bytes */size',
    type: ProblemDto,
  })
  @ApiNotFoundResponse({ description: 'No such recording of yours', type: ProblemDto })
  @ApiConflictResponse({ description: 'The recording is still processing', type: ProblemDto })
  @ApiGoneResponse({ description: 'The recording failed or was deleted: it has no audio', type: ProblemDto })
  async media(
    @Param('id', IdParamPipe) id: number,
    @Headers('range') range: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    let media;
    try {
      media = await this.recordings.media(principal, id, range);
    } catch (error) {
      if (error instanceof RangeNotSatisfiable) reply.header('Content-Range', `bytes */${error.size}`);
      throw error;
    }
    // A client that leaves mid-way stops the read from the storage.
    reply.raw.once('close', () => media.body.destroy());
    await reply.status(media.status).headers(media.headers).send(media.body);
  }

  @Delete('recordings/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a recording',
    description:
      'Yours, or any for an admin. The audio is removed and the recording stays listed as deleted (the call’s ' +
      'recordingUrl becomes null); deleting it again changes nothing.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such recording of yours', type: ProblemDto })
  async delete(@Param('id', IdParamPipe) id: number, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.recordings.delete(principal, id);
  }
}
