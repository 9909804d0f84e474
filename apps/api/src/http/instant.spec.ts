import { toInstant } from './instant';

/** What toInstant answered before it had a path of its own for plain UTC instants. */
function throughDate(value: unknown): unknown {
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
  if (typeof value !== 'string' || !withZone.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('toInstant', () => {
  it('answers every date and time of day, in range or rolled over, exactly as Date.parse and toISOString do', () => {
    const values: string[] = [];
    for (const year of [0, 1, 1899, 1900, 1970, 2023, 2024, 2100, 2199, 2200, 9999]) {
      for (let month = 0; month <= 13; month += 1) {
        for (const day of [0, 1, 9, 10, 19, 20, 27, 28, 29, 30, 31, 32]) {
          for (const time of ['00:00:00', '09:30:59', '10:00:00', '19:59:59', '23:59:59', '24:00:00', '23:60:00', '23:59:60', '20:00:00']) {
            const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}`;
            values.push(`${date}Z`, `${date}.000Z`, `${date}.123Z`, `${date}.5Z`, `${date}+02:00`, `${date}-0130`, date);
          }
        }
      }
    }
    values.push('2024-03-01T10:00Z', '2024-03-01T10:00:00z', ' 2024-03-01T10:00:00Z', '2024-03-01T10:00:00Z ', '2024-03-01 10:00:00Z', '2024-3-01T10:00:00Z', '', 'now');
    for (const value of values) expect([value, toInstant(value)]).toEqual([value, throughDate(value)]);
    for (const value of [undefined, null, 1_709_287_200_000, {}, ['2024-03-01T10:00:00Z']]) expect(toInstant(value)).toBe(value);
  });
});
