import { MAX_RECORDING_SECONDS, synthesiseSpeechWav, WAV_HEADER_BYTES, WAV_SAMPLE_RATE } from './wav';

describe('synthesiseSpeechWav', () => {
  it('writes a PCM WAV header for 8 kHz mono 16-bit and exactly the asked duration', () => {
    const wav = synthesiseSpeechWav(3, 1);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(WAV_SAMPLE_RATE);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.readUInt32LE(40)).toBe(3 * WAV_SAMPLE_RATE * 2);
    expect(wav.length).toBe(WAV_HEADER_BYTES + 3 * WAV_SAMPLE_RATE * 2);
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
  });

  it('is not silence, has pauses, and is the same for the same seed', () => {
    const wav = synthesiseSpeechWav(5, 7);
    const samples = Array.from({ length: (wav.length - WAV_HEADER_BYTES) / 2 }, (_, i) =>
      wav.readInt16LE(WAV_HEADER_BYTES + i * 2),
    );
    expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(5000);
    expect(samples.filter((s) => s === 0).length).toBeGreaterThan(WAV_SAMPLE_RATE * 0.2);
    expect(synthesiseSpeechWav(5, 7).equals(wav)).toBe(true);
    expect(synthesiseSpeechWav(5, 8).equals(wav)).toBe(false);
  });

  it('writes an empty data chunk for zero seconds', () => {
    expect(synthesiseSpeechWav(0, 1).length).toBe(WAV_HEADER_BYTES);
    expect(MAX_RECORDING_SECONDS).toBe(600);
  });
});
