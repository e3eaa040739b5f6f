/** `14:03:27.412`, local time: requests are looked at as they happen. */
export function formatClock(timeMs: number): string {
  const date = new Date(timeMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** `0.4 ms`, `12 ms`, `1.2 s`. */
export function formatDuration(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** An enumerated value as words: `server_action` → `server action`. */
export function words(value: string | null | undefined): string {
  return value ? value.replaceAll('_', ' ') : '—';
}
