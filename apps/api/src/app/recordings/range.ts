import type { ByteRange } from './recording-storage';

/**
 * The one range of a `Range` header against an object of `size` bytes (RFC 9110 §14): `bytes=a-b`, `bytes=a-` and
 * the suffix `bytes=-n`. Returns null when there is no header or it is not one bytes range (then the whole object is
 * sent, as the RFC allows), and 'unsatisfiable' for a range that starts past the end (a 416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
