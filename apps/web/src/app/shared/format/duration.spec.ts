import { formatClock, formatDuration, formatTimer } from './duration';

describe('durations', () => {
  it('runs a timer as mm:ss, with hours once past an hour', () => {
    expect(formatTimer(0)).toBe('00:00');
    expect(formatTimer(7.9)).toBe('00:07');
    expect(formatTimer(754)).toBe('12:34');
    expect(formatTimer(3723)).toBe('1:02:03');
    expect(formatTimer(-5)).toBe('00:00');
  });

  it('writes a finished length as m:ss', () => {
    expect(formatClock(30)).toBe('0:30');
    expect(formatClock(725)).toBe('12:05');
    expect(formatClock(3723)).toBe('1:02:03');
  });

  it('writes a duration in words for lists', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(154)).toBe('2m 34s');
    expect(formatDuration(180)).toBe('3m');
    expect(formatDuration(3900)).toBe('1h 5m');
    expect(formatDuration(7200)).toBe('2h');
  });
});
