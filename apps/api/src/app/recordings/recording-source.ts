import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { dialogCallId } from '../voip/sip/sip-identity';
import { codecsOfSdp, mixG711, readRtpCapture } from './rtp-capture';
import { MAX_RECORDING_SECONDS, pcmToWav, synthesiseSpeechWav, WAV_SAMPLE_RATE } from './wav';

/** A recording's audio, as the storage keeps it. */
export interface RecordedAudio {
  wav: Buffer;
  durationSeconds: number;
}

/** What a source knows of the recording it renders. */
export interface RecordingSubject {
  recordingId: number;
  /** The call's provider sid (with real calls, the SIP Call-ID, `;in` on the callee's leg). */
  callSid: string | null;
  /** The call's answered duration, capped by initialSeconds. */
  durationSeconds: number;
}

/**
 * Where a recording's audio comes from, by provider: the mock synthesises it, real calls take rtpengine's capture.
 * The render job (RecordingsService) asks the source, then stores what it answers.
 */
export abstract class RecordingSource {
  /** The length a new recording is given when its call ends, before its audio exists. */
  abstract initialSeconds(callSeconds: number): number;
  /** The audio; a thrown error makes the job try again later (with backoff), then mark the recording failed. */
  abstract audio(subject: RecordingSubject): Promise<RecordedAudio>;
  /** Removes what the source keeps beyond its use (rtpengine's spool); answers how many files it removed. */
  abstract sweep(now: Date): Promise<number>;
}

/** VOIP_PROVIDER=mock: speech-like tones of the call's answered duration (at most MAX_RECORDING_SECONDS). */
export class SynthesisedRecordingSource extends RecordingSource {
  initialSeconds(callSeconds: number): number {
    return Math.min(callSeconds, MAX_RECORDING_SECONDS);
  }

  async audio(subject: RecordingSubject): Promise<RecordedAudio> {
    return {
      wav: synthesiseSpeechWav(subject.durationSeconds, subject.recordingId),
      durationSeconds: subject.durationSeconds,
    };
  }

  async sweep(): Promise<number> {
    return 0;
  }
}

/** A real call lasts at most 4 hours (Kamailio's dialog timeout), and so does its recording. */
export const MAX_CAPTURE_SECONDS = 4 * 3600;
/** Spool files are kept this long after their last write, for renders that wait out an outage; then swept. */
export const SPOOL_KEEP_MS = 24 * 3_600_000;
const METADATA = /^rtpengine-meta-(.+)-[0-9a-f]+\.txt$/;

/**
 * VOIP_PROVIDER=sip: rtpengine's recording of the call (RTPENGINE_RECORDING_DIR, its `recording-dir`). rtpengine
 * writes `pcaps/<call-id>-<hex>.pcap` while the call lasts and `metadata/rtpengine-meta-<call-id>-<hex>.txt` (the
 * pcap's path, then every SDP) when it ends, the Call-ID percent-encoded. Both legs of an on-net call share one
 * dialog and so one capture; each leg's recording reads it. The spool is swept of files a day old.
 */
export class RtpengineRecordingSource extends RecordingSource {
  constructor(private readonly spoolDir: string) {
    super();
  }

  initialSeconds(callSeconds: number): number {
    return Math.min(callSeconds, MAX_CAPTURE_SECONDS);
  }

  async audio(subject: RecordingSubject): Promise<RecordedAudio> {
    if (subject.callSid === null) throw new Error(`recording ${subject.recordingId}: the call has no SIP Call-ID`);
    const callId = dialogCallId(subject.callSid);
    const metadataFile = await this.metadataOf(callId);
    if (metadataFile === null) {
      // rtpengine writes it when the media session is deleted, a moment after the call's end reaches the API.
      throw new Error(`rtpengine has not finished the recording of SIP call ${callId} yet`);
    }
    const metadata = await readFile(join(this.spoolDir, 'metadata', metadataFile), 'utf8');
    const pcapPath = metadata.split('\n', 1)[0]?.trim() ?? '';
    // The path is rtpengine's; the API may see the spool mounted elsewhere (Docker), so only the name is used.
    const pcap = await readFile(join(this.spoolDir, 'pcaps', basename(pcapPath)));
    const samples = mixG711(readRtpCapture(pcap), codecsOfSdp(metadata), MAX_CAPTURE_SECONDS);
    return { wav: pcmToWav(samples), durationSeconds: Math.round(samples.length / WAV_SAMPLE_RATE) };
  }

  async sweep(now: Date): Promise<number> {
    let removed = 0;
    for (const folder of ['metadata', 'pcaps']) {
      const dir = join(this.spoolDir, folder);
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const path = join(dir, name);
        const info = await stat(path).catch(() => null);
        if (info?.isFile() && now.getTime() - info.mtimeMs > SPOOL_KEEP_MS) {
          // A folder the portal may not write (RTPENGINE_RECORDING_OWNER unset) leaves the file for rtpengine's host.
          if (
            await rm(path, { force: true }).then(
              () => true,
              () => false,
            )
          )
            removed++;
        }
      }
    }
    return removed;
  }

  /** The newest metadata file of a SIP Call-ID, or null while the call's media session lasts. */
  private async metadataOf(callId: string): Promise<string | null> {
    const names = await readdir(join(this.spoolDir, 'metadata')).catch(() => [] as string[]);
    const matching = names.filter((name) => {
      const match = METADATA.exec(name);
      if (!match) return false;
      try {
        return decodeURIComponent(match[1] as string) === callId;
      } catch {
        return false;
      }
    });
    if (matching.length === 0) return null;
    const times = await Promise.all(
      matching.map(async (name) => ({
        name,
        at: (await stat(join(this.spoolDir, 'metadata', name))).mtimeMs,
      })),
    );
    return times.sort((a, b) => b.at - a.at)[0]?.name ?? null;
  }
}
