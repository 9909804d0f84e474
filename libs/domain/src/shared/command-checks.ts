import { DomainError } from './domain-error';

/**
 * What a field of a command must hold: `text` is a string with more than spaces, `list` an array,
 * `texts` an array of such strings, `object` a plain object, `number` a finite number, `flag` a
 * boolean, and one of a fixed set of values. A trailing `?` makes the field optional (absent, or
 * undefined; never null).
 */
export type FieldRule = 'text' | 'list' | 'texts' | 'object' | 'number' | 'flag' | readonly string[];
export type Rules = Record<string, FieldRule | { optional: FieldRule }>;

const isText = (v: unknown): boolean => typeof v === 'string' && v.trim().length > 0;
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

function holds(rule: FieldRule, value: unknown): boolean {
  if (Array.isArray(rule)) return typeof value === 'string' && rule.includes(value);
  switch (rule) {
    case 'text': return isText(value);
    case 'list': return Array.isArray(value);
    case 'texts': return Array.isArray(value) && value.every(isText);
    case 'object': return isObject(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'flag': return typeof value === 'boolean';
    default: return false;
  }
}

/** The last line behind the transport's validation: an incomplete or malformed command is refused, never recorded. */
export function checkFields(command: string, data: unknown, rules: Rules, path = ''): void {
  if (!isObject(data)) throw incomplete(command, path || 'data');
  const record = data as Record<string, unknown>;
  for (const [field, spec] of Object.entries(rules)) {
    const value = record[field];
    const optional = typeof spec === 'object' && !Array.isArray(spec) && 'optional' in spec;
    const rule = optional ? (spec as { optional: FieldRule }).optional : (spec as FieldRule);
    if (optional && value === undefined) continue;
    if (!holds(rule, value)) throw incomplete(command, `${path}${field}`);
  }
}

export function incomplete(command: string, field: string): DomainError {
  return new DomainError('COMMAND.INCOMPLETE', `${command}: ${field} is missing or not valid.`);
}
