import type { IsoDateTime } from './models';
import type { UserRef } from './admin';

/** A recording's life: written by a background job, then playable until it is deleted (by hand or on expiry). */
export const RECORDING_STATUSES = ['processing', 'completed', 'failed', 'deleted'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** A call's recording (GET /calls/{id}/recordings); its audio is GET /recordings/{id}/media. */
export interface Recording {
  id: number;
  callId: number;
  status: RecordingStatus;
  /** Seconds of audio: the talk time (at most 600 in the mock, 14400 with real calls). */
  durationSeconds: number;
  sizeBytes: number;
  /** The audio's format: 'wav' (8 kHz mono 16-bit PCM). */
  format: string;
  createdAt: IsoDateTime;
  /** When the audio is deleted under the retention policy. */
  expiresAt: IsoDateTime;
}

/** GET /admin/recordings rows: a recording with its owner. */
export interface AdminRecording extends Recording {
  userId: number;
  user: UserRef | null;
}

/** POST /calls may ask for the call to be recorded even when its number does not record calls. */
export interface RecordCallOption {
  record?: boolean;
}

/** PATCH /numbers/{id} (the owner). */
export interface UpdateMyNumberRequest {
  friendlyName?: string | null;
  recordCalls?: boolean;
}
