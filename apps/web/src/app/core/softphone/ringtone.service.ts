import { DestroyRef, DOCUMENT, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { AudioOutputService } from './audio-output.service';

/** Makes the WebAudio context the ringtone plays in; null where there is none. Specs provide a fake. */
export const RINGTONE_AUDIO_CONTEXT = new InjectionToken<() => AudioContext | null>('RINGTONE_AUDIO_CONTEXT', {
  providedIn: 'root',
  factory: () => () => (typeof AudioContext === 'undefined' ? null : new AudioContext()),
});

/** The North American ring: 440 Hz + 480 Hz together, 2 s on, 4 s off. */
export const RING_FREQUENCIES_HZ = [440, 480] as const;
export const RING_ON_S = 2;
export const RING_PERIOD_MS = 6_000;
const RING_GAIN = 0.12;

type SinkableContext = AudioContext & { setSinkId?: (deviceId: string) => Promise<void> };

/**
 * The incoming-call ring, synthesised (no audio file to ship). Browsers only let a page make sound once the user has
 * interacted with it, so it rings only after a click or key press on the page; before that, the incoming-call panel
 * and the system notification are the signal.
 */
@Injectable({ providedIn: 'root' })
export class RingtoneService {
  private readonly createContext = inject(RINGTONE_AUDIO_CONTEXT);
  private readonly output = inject(AudioOutputService);
  private readonly document = inject(DOCUMENT);
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly sounding = new Set<OscillatorNode>();

  /** The user has clicked or typed on the page, so it may play sound. */
  readonly interacted = signal(this.alreadyActivated());
  readonly ringing = signal(false);

  constructor() {
    if (!this.interacted()) {
      const onInteraction = () => {
        this.interacted.set(true);
        remove();
      };
      const remove = () => {
        this.document.removeEventListener('pointerdown', onInteraction, true);
        this.document.removeEventListener('keydown', onInteraction, true);
      };
      this.document.addEventListener('pointerdown', onInteraction, true);
      this.document.addEventListener('keydown', onInteraction, true);
      inject(DestroyRef).onDestroy(remove);
    }
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Starts ringing, if the page may play sound; true when it rings. */
  start(): boolean {
    if (this.ringing()) {
      return true;
    }
    if (!this.interacted()) {
      return false;
    }
    const context = this.context ?? (this.context = this.createContext());
    if (!context) {
      return false;
    }
    void context.resume().catch(() => undefined);
    const sinkable = context as SinkableContext;
    if (this.output.supported && typeof sinkable.setSinkId === 'function') {
      sinkable.setSinkId(this.output.selected()).catch(() => undefined);
    }
    this.ringing.set(true);
    this.ring(context);
    this.timer = setInterval(() => this.ring(context), RING_PERIOD_MS);
    return true;
  }

  stop(): void {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
    for (const oscillator of this.sounding) {
      try {
        oscillator.stop();
      } catch {
        // Already stopped.
      }
    }
    this.sounding.clear();
    this.ringing.set(false);
  }

  private ring(context: AudioContext): void {
    const start = context.currentTime;
    const end = start + RING_ON_S;
    const gain = context.createGain();
    // Short ramps at both ends: a tone cut at full volume clicks.
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(RING_GAIN, start + 0.02);
    gain.gain.setValueAtTime(RING_GAIN, end - 0.02);
    gain.gain.linearRampToValueAtTime(0, end);
    gain.connect(context.destination);
    for (const frequency of RING_FREQUENCIES_HZ) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.onended = () => this.sounding.delete(oscillator);
      oscillator.start(start);
      oscillator.stop(end);
      this.sounding.add(oscillator);
    }
  }

  private alreadyActivated(): boolean {
    const activation = (this.document.defaultView?.navigator as Navigator & { userActivation?: UserActivation })
      ?.userActivation;
    return activation?.hasBeenActive === true;
  }
}
