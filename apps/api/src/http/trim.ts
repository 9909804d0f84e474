import { Transform } from 'class-transformer';

const TRIMMED = 'civic-ledger:trimmed';

/**
 * Trim, then validate: a value of only spaces is empty, not a value. The OpenAPI document reads the
 * mark (isTrimmed) and declares that the length rules count from the first to the last non-blank character.
 */
export const Trim = (): PropertyDecorator => (target, property) => {
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))(target, property);
  Reflect.defineMetadata(TRIMMED, true, target, property);
};

export function isTrimmed(dto: abstract new (...args: never[]) => unknown, property: string): boolean {
  return Reflect.getMetadata(TRIMMED, dto.prototype as object, property) === true;
}
