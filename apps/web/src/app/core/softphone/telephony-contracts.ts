import { API_BASE_PATH } from '@hh/contracts';

// The telephony bodies of docs/telephony.md. They belong in @hh/contracts, where the API side of issue 11 adds them;
// until it lands they are declared here once, and this file then re-exports them from there.

/** GET /api/v1/telephony: whether calls carry audio through the browser ('sip') or are simulated ('mock'). */
export interface TelephonyInfo {
  provider: 'mock' | 'sip';
}

/** GET /api/v1/sip/credentials: the signed-in user's short-lived SIP credentials (auth_ephemeral). */
export interface SipCredentials {
  /** "<expiry unix seconds>:u<userId>", the authorization user. */
  username: string;
  password: string;
  /** ISO date-time after which Kamailio refuses them. */
  expiresAt: string;
  /** The SIP domain: the user's URI is sip:u<userId>@<domain>. */
  domain: string;
  /** Kamailio's WebSocket address (wss:// or ws://). */
  wsUri: string;
  iceServers: { urls: string[] }[];
}

/** The live event that asks an online softphone to place a call created through the API (data: the Call). */
export const CALL_DIAL_EVENT = 'call.dial';

export const TELEPHONY_ENDPOINTS = {
  telephony: `${API_BASE_PATH}/telephony`,
  sipCredentials: `${API_BASE_PATH}/sip/credentials`,
} as const;

/** The SIP user of a credential: "1767225600:u12" → "u12". */
export function sipUserOf(credentials: SipCredentials): string {
  const colon = credentials.username.indexOf(':');
  return colon === -1 ? credentials.username : credentials.username.slice(colon + 1);
}
