/** Recordings are 8 kHz, mono, 16-bit PCM WAV (the mock's and rtpengine's alike). */
export const WAV_SAMPLE_RATE = 8000;
export const WAV_HEADER_BYTES = 44;
/** A mock recording holds at most this much audio (longer calls are cut), about 9.6 MB. */
export const MAX_RECORDING_SECONDS = 600;

/**
 * A speech-like stand-in for a call's audio, `seconds` long: a short two-tone beep (the recording announcement),
 * then the two parties taking turns, each turn a run of "syllables" (voiced bursts at the speaker's pitch, with two
 * harmonics and a soft attack and release) and pauses. Deterministic for a seed, so a render that runs twice writes
 * the same bytes.
 */
export function synthesiseSpeechWav(seconds: number, seed: number): Buffer {
  const samples = Math.max(0, Math.round(seconds * WAV_SAMPLE_RATE));
  const wav = Buffer.alloc(WAV_HEADER_BYTES + samples * 2);
  writeHeader(wav, samples);
  const random = mulberry32(seed);
  const pitches = [120 + random() * 30, 200 + random() * 40];
  let at = 0;
  // The announcement: 440 Hz then 660 Hz, 150 ms each.
  for (const frequency of [440, 660]) at = tone(wav, at, samples, 0.15, () => frequency, 0.3);
  at += Math.round(0.2 * WAV_SAMPLE_RATE);
  let speaker = 0;
  while (at < samples) {
    const turnEnd = at + Math.round((1.5 + random() * 3) * WAV_SAMPLE_RATE);
    const base = pitches[speaker] as number;
    while (at < Math.min(turnEnd, samples)) {
      const glide = (random() - 0.5) * 0.3 * base;
      const start = base + glide;
      at = tone(wav, at, samples, 0.08 + random() * 0.22, (t) => start + (t - 0.5) * 0.2 * base, 0.25 + random() * 0.2);
      at += Math.round((0.03 + random() * 0.12) * WAV_SAMPLE_RATE);
    }
    at += Math.round((0.3 + random() * 0.5) * WAV_SAMPLE_RATE);
    speaker = 1 - speaker;
  }
  return wav;
}

/** Writes one voiced burst from sample `from` (clipped to `end`); returns the sample after it. */
function tone(
  wav: Buffer,
  from: number,
  end: number,
  seconds: number,
  frequencyAt: (progress: number) => number,
  amplitude: number,
): number {
  const length = Math.round(seconds * WAV_SAMPLE_RATE);
  const ramp = Math.max(1, Math.round(0.01 * WAV_SAMPLE_RATE));
  let phase = 0;
  for (let i = 0; i < length && from + i < end; i++) {
    phase += (2 * Math.PI * frequencyAt(i / length)) / WAV_SAMPLE_RATE;
    const envelope = Math.min(1, i / ramp, (length - i) / ramp);
    const value = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase);
    wav.writeInt16LE(Math.round((value / 1.75) * amplitude * envelope * 32767), WAV_HEADER_BYTES + (from + i) * 2);
  }
  return from + length;
}

/** A WAV file of 16-bit samples at WAV_SAMPLE_RATE. */
export function pcmToWav(samples: Int16Array): Buffer {
  const wav = Buffer.alloc(WAV_HEADER_BYTES + samples.length * 2);
  writeHeader(wav, samples.length);
  samples.forEach((sample, i) => wav.writeInt16LE(sample, WAV_HEADER_BYTES + i * 2));
  return wav;
}

function writeHeader(wav: Buffer, samples: number): void {
  const dataBytes = samples * 2;
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // PCM chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  wav.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
}

/** A small seeded PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
