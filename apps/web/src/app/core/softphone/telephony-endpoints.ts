import { API_BASE_PATH, type SipCredentials } from '@hh/contracts';

/** The telephony endpoints of docs/telephony.md the softphone reads. */
export const TELEPHONY_ENDPOINTS = {
  /** Whether calls carry audio through the browser ('sip') or are simulated ('mock'). */
  telephony: `${API_BASE_PATH}/telephony`,
  /** The signed-in user's short-lived SIP credentials (session only). */
  sipCredentials: `${API_BASE_PATH}/sip/credentials`,
} as const;

/** The SIP user of a credential: "1767225600:u12" → "u12". */
export function sipUserOf(credentials: SipCredentials): string {
  const colon = credentials.username.indexOf(':');
  return colon === -1 ? credentials.username : credentials.username.slice(colon + 1);
}
