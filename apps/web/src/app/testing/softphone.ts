import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RINGTONE_AUDIO_CONTEXT } from '../core/softphone/ringtone.service';
import { NOTIFICATION_API } from '../core/softphone/call-notifications.service';
import { SOFTPHONE_MEDIA, type SoftphoneMedia } from '../core/softphone/softphone-media';
import {
  SIP_UA_FACTORY,
  type SipCallOptions,
  type SipEndEvent,
  type SipSession,
  type SipSessionHandlers,
  type SipUserAgent,
  type SipUserAgentConfig,
  type SipUserAgentHandlers,
} from '../core/softphone/sip-user-agent';
import { SoftphoneService } from '../core/softphone/softphone.service';
import type { SipCredentials } from '@hh/contracts';
import { TELEPHONY_ENDPOINTS } from '../core/softphone/telephony-endpoints';

type Listener = (...args: never[]) => void;

/** A minimal EventEmitter: JsSIP's objects are Node-style emitters. */
class Emitter<Handlers extends object> {
  private readonly listeners = new Map<string, Listener[]>();

  on<E extends keyof Handlers & string>(event: E, listener: Handlers[E]): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as Listener]);
    return this;
  }

  emit<E extends keyof Handlers & string>(event: E, ...args: Parameters<Extract<Handlers[E], Listener>>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (...values: unknown[]) => void)(...args);
    }
  }
}

/** A fake RTCPeerConnection: the spec dispatches 'track' with a remote stream. */
export class FakePeerConnection extends EventTarget {
  receive(stream: MediaStream): void {
    const event = new Event('track') as Event & { track: MediaStreamTrack; streams: MediaStream[] };
    Object.assign(event, { track: stream.getAudioTracks()[0], streams: [stream] });
    this.dispatchEvent(event);
  }
}

/** A fake JsSIP RTCSession, driven by the spec (progress, accepted, ended, failed…). */
export class FakeSession extends Emitter<SipSessionHandlers> implements SipSession {
  connection: RTCPeerConnection | null = null;
  readonly peer = new FakePeerConnection();
  ended = false;
  readonly terminate = jest.fn((options?: { status_code?: number }) => {
    if (this.ended) throw new Error('already ended');
    this.end(this.established ? 'ended' : 'failed', {
      originator: 'local',
      cause: options?.status_code === 486 ? 'Busy' : 'Canceled',
    });
  });
  readonly answer = jest.fn(() => {
    this.connection = this.peer as unknown as RTCPeerConnection;
    this.emit('peerconnection', { peerconnection: this.connection });
  });
  readonly mute = jest.fn();
  readonly unmute = jest.fn();
  readonly hold = jest.fn((_options?: object, done?: () => void) => {
    done?.();
    return true;
  });
  readonly unhold = jest.fn((_options?: object, done?: () => void) => {
    done?.();
    return true;
  });
  readonly sendDTMF = jest.fn();
  private established = false;

  constructor(readonly direction: 'incoming' | 'outgoing') {
    super();
  }

  isEnded(): boolean {
    return this.ended;
  }

  isEstablished(): boolean {
    return this.established;
  }

  /** The far end answers (200 OK, ACK). */
  answered(): void {
    this.established = true;
    this.emit('accepted');
    this.emit('confirmed');
  }

  end(kind: 'ended' | 'failed', event: SipEndEvent): void {
    this.ended = true;
    this.emit(kind, event);
  }
}

/** A fake JsSIP UA: records its config and calls; the spec emits its registration events. */
export class FakeUserAgent extends Emitter<SipUserAgentHandlers> implements SipUserAgent {
  started = false;
  stopped = false;
  readonly calls: { target: string; options: SipCallOptions; session: FakeSession }[] = [];
  callIds = 0;

  constructor(readonly config: SipUserAgentConfig) {
    super();
  }

  start(): void {
    this.started = true;
    this.emit('connecting');
  }

  stop(): void {
    this.stopped = true;
  }

  call(target: string, options: SipCallOptions): FakeSession {
    const session = new FakeSession('outgoing');
    session.connection = session.peer as unknown as RTCPeerConnection;
    options.eventHandlers?.peerconnection?.({ peerconnection: session.connection });
    this.emit('newRTCSession', {
      originator: 'local',
      session,
      request: { call_id: `sip-call-${++this.callIds}`, getHeader: () => undefined },
    });
    this.calls.push({ target, options, session });
    return session;
  }

  /** Connected and registered. */
  register(): void {
    this.emit('connected');
    this.emit('registered');
  }

  /** An INVITE arrives with the API's X-HH-* headers. */
  ring(headers: Record<string, string>, callId = 'sip-in-1'): FakeSession {
    const session = new FakeSession('incoming');
    const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    this.emit('newRTCSession', {
      originator: 'remote',
      session,
      request: { call_id: callId, getHeader: (name: string) => lower[name.toLowerCase()] },
    });
    return session;
  }
}

/** Builds fake UAs and keeps them, newest last. */
export class FakeUserAgents {
  readonly created: FakeUserAgent[] = [];
  readonly factory = jest.fn(async (config: SipUserAgentConfig) => {
    const ua = new FakeUserAgent(config);
    this.created.push(ua);
    return ua;
  });

  get latest(): FakeUserAgent {
    const ua = this.created[this.created.length - 1];
    if (!ua) throw new Error('No UA was created');
    return ua;
  }
}

/** A fake local or remote audio stream. */
export function aMediaStream(id = 'stream'): MediaStream {
  const track = { kind: 'audio', enabled: true, stop: jest.fn(), id: `${id}-track` } as unknown as MediaStreamTrack;
  return { id, getTracks: () => [track], getAudioTracks: () => [track] } as unknown as MediaStream;
}

/** The browser's media devices: the microphone is allowed unless the spec says otherwise. */
export class FakeMedia implements SoftphoneMedia {
  microphone: MediaStream = aMediaStream('microphone');
  /** The DOMException name getUserMedia rejects with, e.g. 'NotAllowedError'; null allows it. */
  refuseWith: string | null = null;
  /** While set, getUserMedia waits for it: the browser's prompt is open. */
  prompt: Promise<void> | null = null;
  readonly getUserMedia = jest.fn(async () => {
    if (this.prompt) {
      await this.prompt;
    }
    if (this.refuseWith) {
      throw new DOMException('refused', this.refuseWith);
    }
    return this.microphone;
  });
  readonly enumerateDevices = jest.fn(async () => [] as MediaDeviceInfo[]);
  onDeviceChange(): () => void {
    return () => undefined;
  }
}

/** A fake WebAudio context: counts the oscillators the ringtone starts. */
export class FakeAudioContext {
  readonly oscillators: { frequency: { value: number }; stop: jest.Mock }[] = [];
  currentTime = 0;
  destination = {};
  resume = jest.fn(async () => undefined);
  createGain() {
    return {
      gain: { setValueAtTime: jest.fn(), linearRampToValueAtTime: jest.fn() },
      connect: jest.fn(),
    };
  }
  createOscillator() {
    const oscillator = {
      frequency: { value: 0 },
      connect: jest.fn(),
      start: jest.fn(),
      stop: jest.fn(),
      onended: null,
    };
    this.oscillators.push(oscillator);
    return oscillator;
  }
}

/** A fake Notification constructor with a settable permission. */
export function fakeNotificationApi(permission: NotificationPermission = 'default') {
  const shown: { title: string; options: NotificationOptions; close: jest.Mock }[] = [];
  const api = function (this: object, title: string, options: NotificationOptions) {
    const notification = { title, options, close: jest.fn(), onclick: null };
    shown.push(notification);
    return notification;
  } as unknown as typeof Notification & { shown: typeof shown };
  Object.defineProperty(api, 'permission', { get: () => permission, configurable: true });
  Object.assign(api, {
    shown,
    requestPermission: jest.fn(async () => (permission = 'granted')),
    setPermission: (value: NotificationPermission) => (permission = value),
  });
  return api as typeof api & { requestPermission: jest.Mock; setPermission(value: NotificationPermission): void };
}

export interface SoftphoneFakes {
  uas: FakeUserAgents;
  media: FakeMedia;
  audio: FakeAudioContext;
  notifications: ReturnType<typeof fakeNotificationApi>;
}

/** Providers that replace the browser and JsSIP under the softphone. */
export function provideSoftphoneFakes(fakes: SoftphoneFakes) {
  return [
    { provide: SIP_UA_FACTORY, useValue: fakes.uas.factory },
    { provide: SOFTPHONE_MEDIA, useValue: fakes.media },
    { provide: RINGTONE_AUDIO_CONTEXT, useValue: () => fakes.audio as unknown as AudioContext },
    { provide: NOTIFICATION_API, useValue: fakes.notifications },
  ];
}

export function newSoftphoneFakes(): SoftphoneFakes {
  // jsdom plays no media: the remote audio element's play() is a no-op here.
  if (!jest.isMockFunction(HTMLMediaElement.prototype.play)) {
    jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  }
  return {
    uas: new FakeUserAgents(),
    media: new FakeMedia(),
    audio: new FakeAudioContext(),
    notifications: fakeNotificationApi(),
  };
}

export function someSipCredentials(overrides: Partial<SipCredentials> = {}): SipCredentials {
  return {
    username: '1767225600:u7',
    password: 'c2VjcmV0',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    domain: 'sip.test',
    wsUri: 'wss://sip.test/ws',
    iceServers: [{ urls: ['stun:stun.test:3478'] }],
    ...overrides,
  };
}

/** Lets the promises the softphone awaits (HTTP answers, the UA factory, getUserMedia) settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

/**
 * Starts the real SoftphoneService in sip mode on fakes: enables it (the session must be started), answers
 * /telephony and /sip/credentials, and registers the fake UA. Returns the service and its UA.
 */
export async function startSipSoftphone(
  fakes: SoftphoneFakes,
  credentials = someSipCredentials(),
): Promise<{ softphone: SoftphoneService; ua: FakeUserAgent }> {
  const softphone = TestBed.inject(SoftphoneService);
  const http = TestBed.inject(HttpTestingController);
  softphone.enable();
  TestBed.tick();
  http.expectOne(TELEPHONY_ENDPOINTS.telephony).flush({ provider: 'sip' });
  await settle();
  http.expectOne(TELEPHONY_ENDPOINTS.sipCredentials).flush(credentials);
  await settle();
  const ua = fakes.uas.latest;
  ua.register();
  return { softphone, ua };
}
