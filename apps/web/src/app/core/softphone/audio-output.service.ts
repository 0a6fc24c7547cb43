import { DOCUMENT, inject, Injectable, signal } from '@angular/core';
import { SOFTPHONE_MEDIA } from './softphone-media';

/** Where the chosen speaker is remembered (per browser, as device ids are). */
export const AUDIO_OUTPUT_STORAGE_KEY = 'hh.audioOutputDeviceId';

export interface AudioOutputDevice {
  deviceId: string;
  label: string;
}

type SinkableElement = HTMLMediaElement & { setSinkId?: (deviceId: string) => Promise<void> };

/**
 * The speaker (or headset) calls play through. Browsers without HTMLMediaElement.setSinkId (Firefox before 116,
 * Safari) play through the system's default output, and the picker is not offered there.
 */
@Injectable({ providedIn: 'root' })
export class AudioOutputService {
  private readonly media = inject(SOFTPHONE_MEDIA);
  private readonly window = inject(DOCUMENT).defaultView;
  private watching = false;

  readonly supported =
    typeof HTMLMediaElement !== 'undefined' &&
    typeof (HTMLMediaElement.prototype as SinkableElement).setSinkId === 'function';
  /** The outputs the browser lists; labels are empty until the microphone was allowed once. */
  readonly devices = signal<AudioOutputDevice[]>([]);
  /** The chosen output's id; '' is the system default. */
  readonly selected = signal(this.read());

  /** Lists the outputs, and keeps the list current as devices come and go. */
  refresh(): void {
    if (!this.supported) {
      return;
    }
    if (!this.watching) {
      this.watching = true;
      this.media.onDeviceChange(() => this.refresh());
    }
    this.media
      .enumerateDevices()
      .then((devices) =>
        this.devices.set(
          devices
            .filter((device) => device.kind === 'audiooutput' && device.deviceId !== 'default')
            .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `Speaker ${index + 1}` })),
        ),
      )
      .catch(() => this.devices.set([]));
  }

  select(deviceId: string): void {
    this.selected.set(deviceId);
    try {
      if (deviceId) {
        this.window?.localStorage.setItem(AUDIO_OUTPUT_STORAGE_KEY, deviceId);
      } else {
        this.window?.localStorage.removeItem(AUDIO_OUTPUT_STORAGE_KEY);
      }
    } catch {
      // Storage refused (private mode): the choice lasts for this page only.
    }
  }

  /** Routes an element to the chosen output; an unplugged device falls back to the default. */
  apply(element: HTMLMediaElement, deviceId = this.selected()): void {
    const sinkable = element as SinkableElement;
    if (!this.supported || typeof sinkable.setSinkId !== 'function') {
      return;
    }
    sinkable.setSinkId(deviceId).catch(() => sinkable.setSinkId?.('').catch(() => undefined));
  }

  private read(): string {
    try {
      return this.window?.localStorage.getItem(AUDIO_OUTPUT_STORAGE_KEY) ?? '';
    } catch {
      return '';
    }
  }
}
