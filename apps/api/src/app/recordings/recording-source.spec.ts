import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulaw } from 'alawmulaw';
import { RtpengineRecordingSource, SPOOL_KEEP_MS, SynthesisedRecordingSource } from './recording-source';
import { WAV_HEADER_BYTES } from './wav';

/** A one-packet-per-20-ms PCMU capture of `seconds`, as rtpengine writes it (raw IPv4 link type). */
function capture(seconds: number): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt32LE(101, 20);
  const records = Array.from({ length: seconds * 50 }, (_, i) => {
    const rtp = Buffer.alloc(12);
    rtp[0] = 0x80;
    rtp.writeUInt32BE(i * 160, 4);
    rtp.writeUInt32BE(42, 8);
    const payload = Buffer.from(mulaw.encode(new Int16Array(160).fill(1000)));
    const ip = Buffer.alloc(28);
    ip[0] = 0x45;
    ip[9] = 17;
    const frame = Buffer.concat([ip, rtp, payload]);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(1_796_000_000 + Math.floor(i / 50), 0);
    record.writeUInt32LE((i % 50) * 20_000, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    return Buffer.concat([record, frame]);
  });
  return Buffer.concat([header, ...records]);
}

describe('recording sources', () => {
  let spool: string;
  beforeEach(() => {
    spool = mkdtempSync(join(tmpdir(), 'hh-spool-'));
    mkdirSync(join(spool, 'metadata'));
    mkdirSync(join(spool, 'pcaps'));
  });
  afterEach(() => rmSync(spool, { recursive: true, force: true }));

  /** The two files rtpengine leaves for a recorded call; the metadata names the pcap by rtpengine's own path. */
  function spoolCall(callId: string, seconds: number, suffix = '0123456789abcdef'): void {
    const encoded = encodeURIComponent(callId);
    writeFileSync(join(spool, 'pcaps', `${encoded}-${suffix}.pcap`), capture(seconds));
    writeFileSync(
      join(spool, 'metadata', `rtpengine-meta-${encoded}-${suffix}.txt`),
      `/var/spool/rtpengine/pcaps/${encoded}-${suffix}.pcap\n\n\nSDP mode: offer\n\nm=audio 30000 RTP/AVP 0\r\n`,
    );
  }

  it("reads an rtpengine capture by the call's SIP Call-ID, either leg's sid, percent-encoded in the names", async () => {
    const source = new RtpengineRecordingSource(spool);
    spoolCall('a1b2@host.example', 3);
    spoolCall('other-call@host.example', 1);
    for (const callSid of ['a1b2@host.example', 'a1b2@host.example;in']) {
      const { wav, durationSeconds } = await source.audio({ recordingId: 1, callSid, durationSeconds: 9 });
      expect(durationSeconds).toBe(3);
      expect(wav.length).toBe(WAV_HEADER_BYTES + 3 * 8000 * 2);
      expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    }
  });

  it('answers "not yet" while rtpengine has not written the metadata (the job tries again), and refuses no sid', async () => {
    const source = new RtpengineRecordingSource(spool);
    await expect(source.audio({ recordingId: 1, callSid: 'late@host', durationSeconds: 2 })).rejects.toThrow(
      'rtpengine has not finished the recording of SIP call late@host yet',
    );
    await expect(source.audio({ recordingId: 1, callSid: null, durationSeconds: 2 })).rejects.toThrow('no SIP Call-ID');
    const missingSpool = new RtpengineRecordingSource(join(spool, 'nowhere'));
    await expect(missingSpool.audio({ recordingId: 1, callSid: 'x@h', durationSeconds: 2 })).rejects.toThrow('yet');
  });

  it('sweeps spool files a day old and keeps newer ones', async () => {
    const source = new RtpengineRecordingSource(spool);
    spoolCall('old@host', 1, 'aaaaaaaaaaaaaaaa');
    spoolCall('new@host', 1, 'bbbbbbbbbbbbbbbb');
    const now = Date.now();
    const old = new Date(now - SPOOL_KEEP_MS - 60_000);
    for (const path of [
      join(spool, 'metadata', 'rtpengine-meta-old%40host-aaaaaaaaaaaaaaaa.txt'),
      join(spool, 'pcaps', 'old%40host-aaaaaaaaaaaaaaaa.pcap'),
    ]) {
      utimesSync(path, old, old);
    }
    expect(await source.sweep(new Date(now))).toBe(2);
    expect([...readdirSync(join(spool, 'metadata')), ...readdirSync(join(spool, 'pcaps'))]).toEqual([
      'rtpengine-meta-new%40host-bbbbbbbbbbbbbbbb.txt',
      'new%40host-bbbbbbbbbbbbbbbb.pcap',
    ]);
  });

  it('the mock synthesises the call length, capped at 10 minutes', async () => {
    const source = new SynthesisedRecordingSource();
    expect([source.initialSeconds(42), source.initialSeconds(3600)]).toEqual([42, 600]);
    const { wav, durationSeconds } = await source.audio({ recordingId: 7, callSid: null, durationSeconds: 2 });
    expect([durationSeconds, wav.length]).toEqual([2, WAV_HEADER_BYTES + 2 * 8000 * 2]);
    expect(await source.sweep()).toBe(0);
  });
});
