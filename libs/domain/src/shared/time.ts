/** Clock skew tolerated between a client's business time and our system time. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export function isInFuture(instant: string, now: Date): boolean {
  return Date.parse(instant) > now.getTime() + MAX_CLOCK_SKEW_MS;
}
