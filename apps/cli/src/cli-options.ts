import { InvalidArgumentError } from 'commander';

/** Option parser: an ISO 8601 instant with a time zone, normalised to UTC. */
export function instantOption(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) throw new InvalidArgumentError('give an ISO 8601 instant with a time zone, e.g. 2024-05-01T00:00:00Z');
  return new Date(ms).toISOString();
}

/** Option parser for whole numbers from `min` on. */
export function integerOption(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number from ${min} on, got "${value}"`);
    return n;
  };
}
