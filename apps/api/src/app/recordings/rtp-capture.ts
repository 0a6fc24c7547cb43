import { alaw, mulaw } from 'alawmulaw';

/**
 * rtpengine's call recordings (VOIP_PROVIDER=sip, docs/telephony.md "Recordings"): with `recording-method = pcap` it
 * writes each recorded call's RTP, both directions, decrypted, to a pcap file, and a metadata file naming that pcap
 * and holding every SDP of the call. This turns the two into one mixed 8 kHz track: each stream placed by its
 * arrival time and its RTP timestamps (so pauses and a late answer stay where they were), G.711 decoded, summed.
 * Recorded calls are offered G.711 only (the Kamailio template strips the other codecs), so that is all it decodes.
 */

/** One RTP packet of a capture. */
export interface CapturedRtp {
  /** When rtpengine received it, in milliseconds since the epoch. */
  atMs: number;
  payloadType: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

export const CAPTURE_SAMPLE_RATE = 8000;

/** pcap link types rtpengine writes: raw IP (`recording-format = raw`, its default) or a fake Ethernet header. */
const LINKTYPE_ETHERNET = 1;
const LINKTYPE_RAW = 101;
const LINKTYPE_IPV4 = 228;
const LINKTYPE_IPV6 = 229;
const UDP = 17;

export class CaptureError extends Error {
  override name = 'CaptureError';
}

/** The UDP datagrams of a pcap file that look like RTP (RTCP, muxed on the same port or not, is left out). */
export function readRtpCapture(pcap: Buffer): CapturedRtp[] {
  if (pcap.length < 24) throw new CaptureError('not a pcap file: too short');
  const magic = pcap.readUInt32LE(0);
  let littleEndian: boolean;
  let nanoseconds: boolean;
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) {
    littleEndian = true;
    nanoseconds = magic === 0xa1b23c4d;
  } else if (pcap.readUInt32BE(0) === 0xa1b2c3d4 || pcap.readUInt32BE(0) === 0xa1b23c4d) {
    littleEndian = false;
    nanoseconds = pcap.readUInt32BE(0) === 0xa1b23c4d;
  } else {
    throw new CaptureError('not a pcap file: unknown magic number');
  }
  const u32 = (at: number) => (littleEndian ? pcap.readUInt32LE(at) : pcap.readUInt32BE(at));
  const linkType = u32(20) & 0x0fffffff;
  if (![LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6].includes(linkType)) {
    throw new CaptureError(`unsupported pcap link type ${linkType}`);
  }

  const packets: CapturedRtp[] = [];
  // A file still being written (or cut short) ends mid-record: what is whole is kept.
  for (let at = 24; at + 16 <= pcap.length; ) {
    const seconds = u32(at);
    const fraction = u32(at + 4);
    const length = u32(at + 8);
    const start = at + 16;
    at = start + length;
    if (at > pcap.length) break;
    const payload = udpPayload(pcap.subarray(start, at), linkType);
    const rtp = payload && parseRtp(payload);
    if (rtp) packets.push({ atMs: seconds * 1000 + fraction / (nanoseconds ? 1e6 : 1e3), ...rtp });
  }
  return packets;
}

function udpPayload(frame: Buffer, linkType: number): Buffer | null {
  let ip = frame;
  if (linkType === LINKTYPE_ETHERNET) {
    if (frame.length < 14) return null;
    ip = frame.subarray(14);
  }
  if (ip.length < 1) return null;
  const version = ip.readUInt8(0) >> 4;
  let udpAt: number;
  if (version === 4) {
    if (ip.length < 20 || ip[9] !== UDP) return null;
    udpAt = (ip.readUInt8(0) & 0x0f) * 4;
  } else if (version === 6) {
    if (ip.length < 40 || ip[6] !== UDP) return null;
    udpAt = 40;
  } else {
    return null;
  }
  if (ip.length < udpAt + 8) return null;
  return ip.subarray(udpAt + 8);
}

/** An RTP packet's header fields and payload (RFC 3550 §5.1); null for RTCP or anything that is not RTP. */
export function parseRtp(packet: Buffer): Omit<CapturedRtp, 'atMs'> | null {
  if (packet.length < 12 || packet.readUInt8(0) >> 6 !== 2) return null;
  const payloadType = packet.readUInt8(1) & 0x7f;
  // RTCP muxed on the RTP port (RFC 5761): packet types 200-204 read as payload types 72-76.
  if (payloadType >= 72 && payloadType <= 76) return null;
  let start = 12 + (packet.readUInt8(0) & 0x0f) * 4;
  if (packet.readUInt8(0) & 0x10) {
    if (packet.length < start + 4) return null;
    start += 4 + packet.readUInt16BE(start + 2) * 4;
  }
  let end = packet.length;
  if (packet.readUInt8(0) & 0x20) end -= packet.readUInt8(packet.length - 1);
  if (end < start) return null;
  return {
    payloadType,
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payload: packet.subarray(start, end),
  };
}

/** Payload type → encoding name (upper case) of every `a=rtpmap` in the metadata's SDPs, over the static ones. */
export function codecsOfSdp(sdps: string): Map<number, string> {
  const codecs = new Map<number, string>([
    [0, 'PCMU'],
    [8, 'PCMA'],
    [13, 'CN'],
  ]);
  for (const match of sdps.matchAll(/^a=rtpmap:(\d+) ([^/\s]+)\//gm)) {
    codecs.set(Number(match[1]), (match[2] as string).toUpperCase());
  }
  return codecs;
}

/** Payloads that are not audio to mix: DTMF events (RFC 4733) and comfort noise (RFC 3389). */
const NOT_AUDIO = new Set(['TELEPHONE-EVENT', 'CN']);

/**
 * Mixes the captured streams into one 16-bit track at 8 kHz, at most `maxSeconds` long. Each SSRC starts where its
 * first packet arrived (relative to the first packet of the capture) and its packets sit at their RTP timestamps.
 * A stream in a codec other than G.711 is an error, not silence: a recording that lost a side must not pass as whole.
 */
export function mixG711(packets: CapturedRtp[], codecs: Map<number, string>, maxSeconds: number): Int16Array {
  const audio = packets.filter((p) => !NOT_AUDIO.has(codecs.get(p.payloadType) ?? ''));
  const other = [...new Set(audio.map((p) => codecs.get(p.payloadType) ?? `payload type ${p.payloadType}`))].filter(
    (codec) => codec !== 'PCMU' && codec !== 'PCMA',
  );
  if (other.length > 0) throw new CaptureError(`the recording's audio is in ${other.join(', ')}, not G.711`);
  if (audio.length === 0) return new Int16Array(0);

  const firstAt = Math.min(...audio.map((p) => p.atMs));
  const maxSamples = Math.round(maxSeconds * CAPTURE_SAMPLE_RATE);
  const streams = new Map<number, { offset: number; firstTimestamp: number }>();
  const placed: { at: number; samples: Int16Array }[] = [];
  let length = 0;
  for (const packet of audio) {
    let stream = streams.get(packet.ssrc);
    if (!stream) {
      stream = {
        offset: Math.round(((packet.atMs - firstAt) * CAPTURE_SAMPLE_RATE) / 1000),
        firstTimestamp: packet.timestamp,
      };
      streams.set(packet.ssrc, stream);
    }
    // The difference as a signed 32-bit number: timestamps wrap, and a reordered packet may precede the first.
    const at = stream.offset + ((packet.timestamp - stream.firstTimestamp) | 0);
    if (at < 0 || at >= maxSamples) continue;
    const samples =
      codecs.get(packet.payloadType) === 'PCMA' ? alaw.decode(packet.payload) : mulaw.decode(packet.payload);
    placed.push({ at, samples });
    length = Math.max(length, Math.min(maxSamples, at + samples.length));
  }

  const mixed = new Int16Array(length);
  for (const { at, samples } of placed) {
    const end = Math.min(samples.length, length - at);
    for (let i = 0; i < end; i++) {
      const sum = (mixed[at + i] as number) + (samples[i] as number);
      mixed[at + i] = sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum;
    }
  }
  return mixed;
}
