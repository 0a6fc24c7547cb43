import { alaw, mulaw } from 'alawmulaw';
import { CaptureError, codecsOfSdp, mixG711, parseRtp, readRtpCapture } from './rtp-capture';

/** An RTP packet (RFC 3550): version 2, the given header fields and payload. */
function rtp(fields: {
  pt: number;
  seq: number;
  ts: number;
  ssrc: number;
  payload: Buffer;
  csrc?: number;
  ext?: Buffer;
}) {
  const csrc = Buffer.alloc((fields.csrc ?? 0) * 4);
  const header = Buffer.alloc(12);
  header[0] = 0x80 | (fields.csrc ?? 0) | (fields.ext ? 0x10 : 0);
  header[1] = fields.pt;
  header.writeUInt16BE(fields.seq & 0xffff, 2);
  header.writeUInt32BE(fields.ts >>> 0, 4);
  header.writeUInt32BE(fields.ssrc, 8);
  return Buffer.concat([header, csrc, fields.ext ?? Buffer.alloc(0), fields.payload]);
}

/** A pcap file as rtpengine writes it: little-endian, link type raw IP, an IPv4 + UDP header per packet. */
function pcap(packets: { atMs: number; data: Buffer }[], linkType = 101): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(linkType, 20);
  const records = packets.map(({ atMs, data }) => {
    const ip = Buffer.alloc(28);
    ip[0] = 0x45;
    ip.writeUInt16BE(28 + data.length, 2);
    ip[8] = 64;
    ip[9] = 17;
    ip.writeUInt16BE(8 + data.length, 24);
    const frame = Buffer.concat([ip, data]);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(atMs / 1000), 0);
    record.writeUInt32LE(Math.round((atMs % 1000) * 1000), 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    return Buffer.concat([record, frame]);
  });
  return Buffer.concat([header, ...records]);
}

/** 20 ms of a tone, G.711-encoded, starting at sample `from`. */
function tone(hz: number, from: number, codec: 'PCMU' | 'PCMA'): Buffer {
  const samples = new Int16Array(160);
  for (let i = 0; i < 160; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * hz * (from + i)) / 8000));
  return Buffer.from(codec === 'PCMU' ? mulaw.encode(samples) : alaw.encode(samples));
}

/** How strongly a frequency is present in samples (Goertzel), relative to the signal's energy. */
function share(samples: Int16Array, hz: number): number {
  const k = (2 * Math.cos((2 * Math.PI * hz) / 8000)) as number;
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (const sample of samples) {
    const s0 = sample + k * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += sample * sample;
  }
  const power = s1 * s1 + s2 * s2 - k * s1 * s2;
  return energy === 0 ? 0 : (2 * power) / (samples.length * energy);
}

const T0 = 1_796_000_000_000;
const SDP = 'm=audio 30000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n';

describe('rtpengine captures', () => {
  it('reads the RTP of a pcap file, skipping RTCP and what is not RTP, and a record cut short', () => {
    const audio = rtp({ pt: 0, seq: 1, ts: 160, ssrc: 7, payload: Buffer.from([1, 2, 3]) });
    const rtcp = Buffer.from([0x80, 200, 0, 6, 0, 0, 0, 7, ...new Array(20).fill(0)]);
    const file = pcap([
      { atMs: T0, data: audio },
      { atMs: T0 + 20, data: rtcp },
      { atMs: T0 + 40, data: Buffer.from('STUN or DTLS') },
    ]);
    const packets = readRtpCapture(Buffer.concat([file, file.subarray(24, 40)]));
    expect(packets).toEqual([{ atMs: T0, payloadType: 0, timestamp: 160, ssrc: 7, payload: Buffer.from([1, 2, 3]) }]);
  });

  it('finds the payload after CSRCs, a header extension and padding', () => {
    const ext = Buffer.from([0xbe, 0xde, 0, 1, 0x10, 0xff, 0, 0]);
    const packet = rtp({ pt: 8, seq: 2, ts: 320, ssrc: 9, payload: Buffer.from([5, 6, 0, 2]), csrc: 2, ext });
    packet[0] = (packet[0] as number) | 0x20; // the last 2 bytes are padding
    expect(parseRtp(packet)).toMatchObject({ payloadType: 8, ssrc: 9, payload: Buffer.from([5, 6]) });
  });

  it('refuses what is not a pcap file, or a link type it cannot read', () => {
    expect(() => readRtpCapture(Buffer.from('not a capture at all, not at all'))).toThrow(CaptureError);
    expect(() => readRtpCapture(pcap([], 105))).toThrow('link type 105');
  });

  it('maps payload types to codecs from the SDPs, over the static ones', () => {
    const codecs = codecsOfSdp(`${SDP}\r\nm=audio 30002 RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\n`);
    expect([codecs.get(0), codecs.get(8), codecs.get(101), codecs.get(111)]).toEqual([
      'PCMU',
      'PCMA',
      'TELEPHONE-EVENT',
      'OPUS',
    ]);
  });

  it('mixes both sides, each placed by its arrival and RTP timestamps: a late start and a pause stay in place', () => {
    const packets = [];
    // The caller: 440 Hz in PCMU from the start, 1 s, with a 200 ms pause (no packets) in the middle.
    for (let i = 0; i < 50; i++) {
      if (i >= 20 && i < 30) continue;
      packets.push({
        atMs: T0 + i * 20,
        data: rtp({ pt: 0, seq: i, ts: 0xffffff00 + i * 160, ssrc: 1, payload: tone(440, i * 160, 'PCMU') }),
      });
    }
    // The far end: 1000 Hz in PCMA, from 500 ms on, for 1 s; its DTMF event is not audio.
    for (let i = 0; i < 50; i++) {
      packets.push({
        atMs: T0 + 500 + i * 20,
        data: rtp({ pt: 8, seq: i, ts: 5000 + i * 160, ssrc: 2, payload: tone(1000, i * 160, 'PCMA') }),
      });
    }
    packets.push({
      atMs: T0 + 700,
      data: rtp({ pt: 101, seq: 99, ts: 9000, ssrc: 2, payload: Buffer.from([5, 0x80, 0, 160]) }),
    });
    const mixed = mixG711(readRtpCapture(pcap(packets)), codecsOfSdp(SDP), 600);

    // 1.5 s: the far end's second ends at 500 ms + 1 s.
    expect(mixed.length).toBe(12_000);
    const window = (fromMs: number, toMs: number) => mixed.subarray(fromMs * 8, toMs * 8);
    // Only the caller, across the timestamp wrap.
    expect(share(window(0, 380), 440)).toBeGreaterThan(0.9);
    // The pause is silence.
    expect(Math.max(...window(410, 490).map(Math.abs))).toBe(0);
    // The far end from 500 ms (with the caller again from 600 ms), then only the far end.
    expect(share(window(620, 980), 440)).toBeGreaterThan(0.3);
    expect(share(window(620, 980), 1000)).toBeGreaterThan(0.3);
    expect(share(window(1020, 1480), 1000)).toBeGreaterThan(0.9);
  });

  it('cuts the track at the longest length, and refuses audio that is not G.711 rather than leave a side out', () => {
    const packets = Array.from({ length: 100 }, (_, i) => ({
      atMs: T0 + i * 20,
      data: rtp({ pt: 0, seq: i, ts: i * 160, ssrc: 1, payload: tone(440, i * 160, 'PCMU') }),
    }));
    expect(mixG711(readRtpCapture(pcap(packets)), codecsOfSdp(SDP), 1).length).toBe(8000);

    const opus = [{ atMs: T0, data: rtp({ pt: 111, seq: 1, ts: 0, ssrc: 3, payload: Buffer.from([1, 2, 3]) }) }];
    expect(() =>
      mixG711(readRtpCapture(pcap([...packets, ...opus])), codecsOfSdp(`${SDP}a=rtpmap:111 opus/48000/2\r\n`), 600),
    ).toThrow("the recording's audio is in OPUS, not G.711");
    expect(mixG711([], codecsOfSdp(SDP), 600)).toEqual(new Int16Array(0));
  });
});
