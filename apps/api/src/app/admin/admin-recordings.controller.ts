import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Paginated } from '@hh/contracts';
import { Authenticated } from '../../common/decorators/auth.decorators';
import { ApiPaginatedResponse } from '../../common/http/api-paginated-response.decorator';
import { ProblemDto } from '../../common/http/problem.dto';
import { AdminRecordingDto, AdminRecordingsQueryDto } from '../recordings/dto/recording.dto';
import { RecordingsService } from '../recordings/recordings.service';

@ApiTags('admin')
@Authenticated({ roles: ['admin'] })
@ApiExtraModels(AdminRecordingDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('admin/recordings')
export class AdminRecordingsController {
  constructor(private readonly recordings: RecordingsService) {}

  @Get()
  @ApiOperation({
    summary: 'Recordings of every user (or of userId), newest first',
    description:
      'from/to bound when they were made. Each row carries its owner as `user` ({id, name, email}); admins play any ' +
      'with GET /recordings/{id}/media and delete any with DELETE /recordings/{id}.',
  })
  @ApiPaginatedResponse(AdminRecordingDto)
  list(@Query() query: AdminRecordingsQueryDto): Promise<Paginated<AdminRecordingDto>> {
    return this.recordings.listAll(query);
  }
}
