import { Controller, Get } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  TELEPHONY_PROVIDERS,
  type IceServer,
  type SipCredentials,
  type TelephonyInfo,
  type TelephonyProvider,
} from '@hh/contracts';
import { Authenticated, CurrentPrincipal } from '../../common/decorators/auth.decorators';
import type { Principal } from '../../common/guards/principal';
import { ProblemDto } from '../../common/http/problem.dto';
import { SipCredentialsService } from './sip/sip-credentials.service';
import { VoipService } from './voip.service';

class TelephonyDto implements TelephonyInfo {
  @ApiProperty({
    enum: TELEPHONY_PROVIDERS,
    example: 'sip',
    description: 'mock: calls are simulated, without audio; sip: real calls, the dialer is a WebRTC softphone',
  })
  provider!: TelephonyProvider;
}

class IceServerDto implements IceServer {
  @ApiProperty({ type: [String], example: ['stun:stun.example.com:3478'] })
  urls!: string[];
}

class SipCredentialsDto implements SipCredentials {
  @ApiProperty({ example: '1767225600:u42', description: '`<expiry unix seconds>:u<userId>`' })
  username!: string;

  @ApiProperty({
    example: 'pHq0m9Yp7c1sKq2x1l3pV9q5a0Q=',
    description: 'base64(HMAC-SHA1(the SIP secret, username)); valid until expiresAt',
  })
  password!: string;

  @ApiProperty({ format: 'date-time', example: '2026-01-01T00:00:00.000Z' })
  expiresAt!: string;

  @ApiProperty({ example: 'sip.example.com', description: 'The SIP domain: the softphone is sip:u<userId>@domain' })
  domain!: string;

  @ApiProperty({ example: 'wss://sip.example.com:8443', description: "The SIP server's WebSocket" })
  wsUri!: string;

  @ApiProperty({ type: [IceServerDto], description: 'For RTCPeerConnection (empty when none is configured)' })
  iceServers!: IceServerDto[];
}

@ApiTags('telephony')
@Controller()
export class TelephonyController {
  constructor(
    private readonly voip: VoipService,
    private readonly credentials: SipCredentialsService,
  ) {}

  @Get('telephony')
  @Authenticated()
  @ApiOperation({
    summary: 'Which telephony this server runs',
    description: '`mock` simulates calls without audio; `sip` makes real calls, the dialer being a WebRTC softphone',
  })
  @ApiOkResponse({ type: TelephonyDto })
  telephony(): TelephonyInfo {
    return { provider: this.voip.providerName };
  }

  @Get('sip/credentials')
  @Authenticated({ sessionOnly: true })
  @ApiOperation({
    summary: "The softphone's SIP credentials (real calls only)",
    description:
      'A short-lived username and password for the SIP server (its WebSocket is `wsUri`), as the SIP user ' +
      '`u<userId>`; fetch new ones before `expiresAt`. Needs a signed-in session of an active account: API keys and ' +
      'accounts awaiting approval are refused (403).',
  })
  @ApiOkResponse({ type: SipCredentialsDto })
  @ApiNotFoundResponse({
    description: 'Real calls are not enabled on this server (VOIP_PROVIDER=mock)',
    type: ProblemDto,
  })
  sipCredentials(@CurrentPrincipal() principal: Principal): SipCredentials {
    return this.credentials.issue(principal);
  }
}
