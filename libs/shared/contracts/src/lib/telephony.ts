import type { IsoDateTime } from './models';

/**
 * Real calls (docs/telephony.md): `mock` plays calls without audio; `sip` makes real calls through Kamailio, the
 * browser being a WebRTC softphone.
 */
export const TELEPHONY_PROVIDERS = ['mock', 'sip'] as const;
export type TelephonyProvider = (typeof TELEPHONY_PROVIDERS)[number];

/** GET /api/v1/telephony */
export interface TelephonyInfo {
  provider: TelephonyProvider;
}

/** One entry of RTCConfiguration.iceServers. */
export interface IceServer {
  urls: string[];
}

/** GET /api/v1/sip/credentials: an ephemeral SIP credential (Kamailio's auth_ephemeral) for the softphone. */
export interface SipCredentials {
  /** `<expiry unix seconds>:u<userId>` */
  username: string;
  /** base64(HMAC-SHA1(SIP_AUTH_SECRET, username)) */
  password: string;
  expiresAt: IsoDateTime;
  /** The SIP domain: the softphone's URI is sip:u<userId>@domain. */
  domain: string;
  /** Kamailio's WebSocket (ws:// or wss://). */
  wsUri: string;
  iceServers: IceServer[];
}

/** POST /api/v1/internal/sip/authorize (Kamailio only; not in the OpenAPI document). */
export interface SipAuthorizeRequest {
  callId: string;
  source: 'user' | 'trunk';
  /** `u12` (source user) or the caller's number (source trunk). */
  fromUser: string;
  toUser: string;
  /** X-HH-Caller-Id; empty for the default number. */
  callerId: string;
  /** X-HH-Call-Id: the portal call a softphone places for POST /calls; empty otherwise. */
  portalCallId: string;
}

/** `record`: rtpengine records the call (a leg of it is recorded: its number records calls, or POST /calls asked). */
export type SipAuthorizeDecision =
  | { action: 'route'; target: 'trunk'; callerId: string; record: boolean }
  | {
      action: 'route';
      target: 'user';
      user: string;
      callerId: string;
      calledNumber: string;
      calleeCallId: number;
      record: boolean;
    }
  | { action: 'refuse'; code: number; reason: string };
