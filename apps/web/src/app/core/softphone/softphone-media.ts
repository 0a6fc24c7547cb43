import { InjectionToken } from '@angular/core';
import { microphoneError } from './softphone-errors';

/** What the softphone asks of the browser's media devices; specs provide a fake. */
export interface SoftphoneMedia {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  enumerateDevices(): Promise<MediaDeviceInfo[]>;
  /** Subscribes to plugged/unplugged devices; returns the unsubscribe. */
  onDeviceChange(listener: () => void): () => void;
}

export const SOFTPHONE_MEDIA = new InjectionToken<SoftphoneMedia>('SOFTPHONE_MEDIA', {
  providedIn: 'root',
  factory: () => {
    // Absent on plain HTTP from another host than localhost, and in old browsers.
    const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    return {
      getUserMedia: (constraints) =>
        devices?.getUserMedia
          ? devices.getUserMedia(constraints)
          : Promise.reject(new TypeError('getUserMedia is not available')),
      enumerateDevices: () => (devices?.enumerateDevices ? devices.enumerateDevices() : Promise.resolve([])),
      onDeviceChange: (listener) => {
        devices?.addEventListener?.('devicechange', listener);
        return () => devices?.removeEventListener?.('devicechange', listener);
      },
    };
  },
});

/** Calls carry audio only. */
export const AUDIO_ONLY: MediaStreamConstraints = { audio: true, video: false };

/**
 * Opens the microphone (the browser asks for permission the first time). Done before JsSIP is handed the stream, so
 * a refusal is told apart from other failures and explained instead of ending the call silently.
 */
export async function openMicrophone(media: SoftphoneMedia): Promise<MediaStream> {
  try {
    return await media.getUserMedia(AUDIO_ONLY);
  } catch (error) {
    throw microphoneError(error);
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((track) => track.stop());
}
