/** Durations of calls, in whole seconds, written three ways: a running timer, a clock and words. */

function parts(totalSeconds: number): { hours: number; minutes: number; seconds: number } {
  const whole = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  return { hours: Math.floor(whole / 3600), minutes: Math.floor((whole % 3600) / 60), seconds: whole % 60 };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A running call timer: "00:07", "12:34", past an hour "1:02:03". */
export function formatTimer(totalSeconds: number): string {
  const { hours, minutes, seconds } = parts(totalSeconds);
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

/** A finished call's length: "0:30", "12:05", past an hour "1:02:03". */
export function formatClock(totalSeconds: number): string {
  const { hours, minutes, seconds } = parts(totalSeconds);
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** A duration in words for lists: "45s", "2m 34s", "3m", "1h 5m". */
export function formatDuration(totalSeconds: number): string {
  const { hours, minutes, seconds } = parts(totalSeconds);
  if (hours > 0) {
    return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  }
  if (minutes > 0) {
    return seconds > 0 ? `${minutes}m ${seconds}s` : `${minutes}m`;
  }
  return `${seconds}s`;
}
