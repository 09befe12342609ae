/**
 * `new Date(ms).toISOString()` for the hot path: a call's records carry ~10 timestamps, and
 * toISOString costs ~1.3 us each. Timestamps of one second share everything up to the milliseconds,
 * so that part is formatted once per second and the milliseconds are appended.
 */
let cachedSecond = Number.NaN;
let cachedPrefix = '';

export function isoTimestamp(ms: number): string {
  const whole = Math.floor(ms);
  const second = Math.floor(whole / 1000);
  if (second !== cachedSecond) {
    const iso = new Date(second * 1000).toISOString();
    cachedPrefix = iso.slice(0, iso.length - 4); // up to and including the '.' before the milliseconds
    cachedSecond = second;
  }
  const millis = whole - second * 1000;
  return `${cachedPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
