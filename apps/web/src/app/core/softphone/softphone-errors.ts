/** Why the softphone could not place or answer a call. */
export type SoftphoneErrorKind =
  /** Not registered (connecting, offline, or refused): the reason is in the message. */
  | 'offline'
  /** Another call is live in this browser. */
  | 'busy'
  /** The browser (or the user) refused the microphone. */
  | 'microphone-denied'
  /** No microphone is connected. */
  | 'no-microphone'
  /** The microphone exists but could not be started (another application holds it). */
  | 'microphone-busy'
  /** No getUserMedia here at all (plain HTTP from another host, or an old browser). */
  | 'microphone-unavailable'
  /** JsSIP refused the request (e.g. a re-INVITE already in flight). */
  | 'failed';

export class SoftphoneError extends Error {
  constructor(
    readonly kind: SoftphoneErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SoftphoneError';
  }

  get aboutMicrophone(): boolean {
    return this.kind.startsWith('microphone') || this.kind === 'no-microphone';
  }
}

export const MICROPHONE_MESSAGES = {
  'microphone-denied':
    'The browser blocked the microphone, and calls need it. To allow it, click the lock (or microphone) icon at the ' +
    'left of the address bar, set Microphone to Allow, then try again. If the system asks too (macOS, Windows), let ' +
    'the browser use the microphone in its privacy settings.',
  'no-microphone':
    'No microphone was found. Connect a headset or a microphone (or turn it on in the system settings), then try again.',
  'microphone-busy':
    'The microphone could not be started: another application may be using it. Close that application, then try again.',
  'microphone-unavailable':
    'This browser cannot use a microphone on this page: calls need a secure (https) address and a browser with WebRTC.',
} as const satisfies Partial<Record<SoftphoneErrorKind, string>>;

/** Turns a getUserMedia rejection into what the user can do about it. */
export function microphoneError(error: unknown): SoftphoneError {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new SoftphoneError('microphone-denied', MICROPHONE_MESSAGES['microphone-denied']);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new SoftphoneError('no-microphone', MICROPHONE_MESSAGES['no-microphone']);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new SoftphoneError('microphone-busy', MICROPHONE_MESSAGES['microphone-busy']);
    default:
      return new SoftphoneError('microphone-unavailable', MICROPHONE_MESSAGES['microphone-unavailable']);
  }
}
