import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Matches, registerDecorator, ValidationOptions } from 'class-validator';

const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const EARLIEST_INSTANT = '1900-01-01T00:00:00.000Z';
export const LATEST_INSTANT = '2200-01-01T00:00:00.000Z';

/** A UTC instant to the second (2024-03-01T10:00:00Z), or already canonical, with a day every month has and a time of day in range. */
const PLAIN_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(Z|\.\d{3}Z)$/;

/** An ISO 8601 instant with a time zone, to canonical UTC form; anything else is left for validation to refuse. */
export function toInstant(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // The common form (what clients send): its canonical form is its own fields, so no date is made and printed. Other
  // days and times go through Date.parse, which rolls some over (31 April is 1 May, 24:00 the next day's 00:00).
  if (PLAIN_UTC.test(value)) return value.length === 24 ? value : `${value.slice(0, 19)}.000Z`;
  if (!WITH_ZONE.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

function InRange(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'instantInRange', target: target.constructor, propertyName: propertyName as string, options,
    validator: { validate: (v: unknown) => typeof v === 'string' && v >= EARLIEST_INSTANT && v < LATEST_INSTANT },
  });
}

/** Validates and normalises an instant such as 2024-05-01T09:30:00+02:00 → 2024-05-01T07:30:00.000Z. */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => toInstant(value)),
    Matches(CANONICAL, { message: '$property must be an ISO 8601 instant with a time zone, e.g. 2024-05-01T09:30:00Z' }),
    InRange({ message: '$property must lie between 1900 and 2200' }),
  );
}
