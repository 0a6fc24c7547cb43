import { UA, WebSocketInterface } from 'jssip';
import type { SipUserAgent, SipUserAgentConfig } from './sip-user-agent';

/**
 * Kamailio or the network may go away (a restart, a laptop changing networks): JsSIP then reconnects by itself,
 * waiting 1 s first and doubling up to this, and registers again once connected.
 */
export const RECONNECT_MAX_INTERVAL_S = 10;

/** The real UA. Loaded through a dynamic import only once the server says calls go through SIP. */
export function createJsSipUserAgent(config: SipUserAgentConfig): SipUserAgent {
  const ua = new UA({
    sockets: [new WebSocketInterface(config.wsUri)],
    uri: config.uri,
    authorization_user: config.authorizationUser,
    password: config.password,
    register: true,
    // Kamailio does not refresh sessions, and a browser tab that disappears ends its call by the dialog's own timers.
    session_timers: false,
    connection_recovery_min_interval: 1,
    connection_recovery_max_interval: RECONNECT_MAX_INTERVAL_S,
  });
  // JsSIP's own typings use enums and overloads for the same events and methods; sip-user-agent.ts spells the subset
  // the softphone uses, so the one conversion happens here.
  return ua as unknown as SipUserAgent;
}
