import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { SipAuthorizeDecision } from '@hh/contracts';
import { Public } from '../../../common/decorators/auth.decorators';
import { Client, type ClientContext } from '../../../common/http/client-context';
import { SipAuthorizeDto } from './sip-authorize.dto';
import { SipAuthorizeService } from './sip-authorize.service';
import { SipServerGuard } from './sip-server.guard';

/**
 * The SIP server's own endpoint (docs/telephony.md): no user credentials, but only from SIP_SERVER_ADDRESSES with
 * the shared secret (SipServerGuard); anyone else gets a 404. Not in the OpenAPI document, not rate limited (every
 * call passes here; the calls themselves are limited per user).
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@UseGuards(SipServerGuard)
@Controller('internal/sip')
export class SipInternalController {
  constructor(private readonly authorizer: SipAuthorizeService) {}

  @Post('authorize')
  @HttpCode(HttpStatus.OK)
  authorize(@Body() request: SipAuthorizeDto, @Client() client: ClientContext): Promise<SipAuthorizeDecision> {
    return this.authorizer.authorize(request, client);
  }
}
