import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { SipAuthorizeRequest } from '@hh/contracts';

/**
 * What Kamailio sends before it routes an INVITE (docs/telephony.md). Not in the OpenAPI document: only the SIP
 * server calls it.
 */
export class SipAuthorizeDto implements SipAuthorizeRequest {
  /** A SIP Call-ID: printable, no spaces and no ';' (RFC 3261's word), so the callee's ';in' sid is unambiguous. */
  @IsString()
  @Matches(/^[\x21-\x3a\x3c-\x7e]{1,250}$/, { message: 'must be a SIP Call-ID (1–250 printable characters, no ;)' })
  callId!: string;

  @IsIn(['user', 'trunk'])
  source!: 'user' | 'trunk';

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  fromUser!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  toUser!: string;

  @IsString()
  @MaxLength(32)
  callerId!: string;

  @IsString()
  @Matches(/^([1-9]\d{0,9})?$/, { message: 'must be a call id or empty' })
  portalCallId!: string;
}
