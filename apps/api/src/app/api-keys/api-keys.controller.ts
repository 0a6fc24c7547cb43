import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { LIMITS } from '@hh/contracts';
import { Audit, AuditContext } from '../../common/audit/audit-context';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import { IdParamPipe } from '../../common/http/id-param.pipe';
import { ProblemDto } from '../../common/http/problem.dto';
import type { Principal } from '../../common/guards/principal';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

@ApiTags('api keys')
@Authenticated({ sessionOnly: true })
@ApiExtraModels(ApiKeyDto)
@ApiBadRequestResponse({ description: 'Invalid input; `errors` names each field', type: ProblemDto })
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'My API keys (never the keys themselves)' })
  @ApiOkResponse({ schema: { properties: { data: { type: 'array', items: { $ref: getSchemaPath(ApiKeyDto) } } } } })
  list(@CurrentPrincipal() principal: Principal): Promise<{ data: ApiKeyDto[] }> {
    return this.keys.list(principal.userId);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description: `Active accounts only. The key is returned once, as \`key\`; store it now. At most ${LIMITS.activeApiKeys} active keys.`,
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiConflictResponse({ description: `Already ${LIMITS.activeApiKeys} active keys`, type: ProblemDto })
  create(@Body() dto: CreateApiKeyDto, @Audit() audit: AuditContext): Promise<CreatedApiKeyDto> {
    return this.keys.create(dto, audit);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API key: it stops working at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'No such key of yours', type: ProblemDto })
  async revoke(@Param('id', IdParamPipe) id: number, @Audit() audit: AuditContext): Promise<void> {
    await this.keys.revoke(id, audit);
  }
}
