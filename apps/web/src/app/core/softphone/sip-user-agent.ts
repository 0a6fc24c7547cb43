import { InjectionToken } from '@angular/core';

/*
 * The part of JsSIP (3.13) the softphone uses, as plain structural types. JsSIP is the boundary of the softphone: the
 * real one is loaded on demand (jssip-user-agent.ts, a dynamic import, so the sign-in page does not carry it) and the
 * unit specs inject a fake through SIP_UA_FACTORY. Event names and shapes are JsSIP's own.
 */

/** A SIP response as JsSIP hands it to `failed`/`registrationFailed` listeners. */
export interface SipResponse {
  status_code?: number;
  reason_phrase?: string;
}

/** The initial INVITE of a session: for incoming calls, the X-HH-* headers the API's routing decision added. */
export interface SipRequest {
  call_id: string;
  getHeader(name: string): string | undefined;
}

export interface SipEndEvent {
  originator: 'local' | 'remote' | 'system';
  /** JsSIP's cause: 'Canceled', 'Busy', 'Rejected', 'User Denied Media Access', 'Terminated', … */
  cause: string;
  message?: SipResponse | null;
}

export interface SipSessionHandlers {
  peerconnection: (event: { peerconnection: RTCPeerConnection }) => void;
  progress: () => void;
  accepted: () => void;
  confirmed: () => void;
  ended: (event: SipEndEvent) => void;
  failed: (event: SipEndEvent) => void;
}

export interface SipCallOptions {
  mediaConstraints: MediaStreamConstraints;
  mediaStream?: MediaStream;
  pcConfig: RTCConfiguration;
  extraHeaders?: string[];
  eventHandlers?: Partial<SipSessionHandlers>;
}

export interface SipTerminateOptions {
  status_code?: number;
  reason_phrase?: string;
}

export interface SipDtmfOptions {
  transportType: 'RFC2833' | 'INFO';
  duration?: number;
  interToneGap?: number;
}

/** A JsSIP RTCSession (one call leg). */
export interface SipSession {
  readonly direction: 'incoming' | 'outgoing';
  /** The RTCPeerConnection, once created (outgoing: at once; incoming: on answer). */
  readonly connection: RTCPeerConnection | null | undefined;
  on<E extends keyof SipSessionHandlers>(event: E, listener: SipSessionHandlers[E]): unknown;
  answer(options: Omit<SipCallOptions, 'eventHandlers'>): void;
  terminate(options?: SipTerminateOptions): void;
  mute(options?: { audio?: boolean }): void;
  unmute(options?: { audio?: boolean }): void;
  /** false when another re-INVITE is in flight. */
  hold(options?: object, done?: () => void): boolean;
  unhold(options?: object, done?: () => void): boolean;
  sendDTMF(tones: string, options?: SipDtmfOptions): void;
  isEnded(): boolean;
  isEstablished(): boolean;
}

export interface SipNewSessionEvent {
  originator: 'local' | 'remote';
  session: SipSession;
  request: SipRequest;
}

export interface SipDisconnectEvent {
  error?: boolean;
  code?: number;
  reason?: string;
}

export interface SipRegistrationFailedEvent {
  cause?: string;
  response?: SipResponse | null;
}

export interface SipUserAgentHandlers {
  connecting: () => void;
  connected: () => void;
  disconnected: (event: SipDisconnectEvent) => void;
  registered: () => void;
  unregistered: () => void;
  registrationFailed: (event: SipRegistrationFailedEvent) => void;
  newRTCSession: (event: SipNewSessionEvent) => void;
}

/** A JsSIP UA: one registration and its sessions. */
export interface SipUserAgent {
  on<E extends keyof SipUserAgentHandlers>(event: E, listener: SipUserAgentHandlers[E]): unknown;
  start(): void;
  stop(): void;
  /** Emits `newRTCSession` (originator 'local') before it returns. */
  call(target: string, options: SipCallOptions): SipSession;
}

export interface SipUserAgentConfig {
  /** Kamailio's WebSocket address, wrapped in a JsSIP.WebSocketInterface. */
  wsUri: string;
  uri: string;
  authorizationUser: string;
  password: string;
}

export type SipUserAgentFactory = (config: SipUserAgentConfig) => Promise<SipUserAgent>;

/** Builds the UA. The default loads JsSIP on first use; specs provide a fake. */
export const SIP_UA_FACTORY = new InjectionToken<SipUserAgentFactory>('SIP_UA_FACTORY', {
  providedIn: 'root',
  factory: () => (config) => import('./jssip-user-agent').then((module) => module.createJsSipUserAgent(config)),
});
