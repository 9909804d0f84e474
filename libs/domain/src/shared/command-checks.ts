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

interface FieldCheck {
  readonly field: string;
  readonly rule: FieldRule;
  readonly optional: boolean;
}

/** Each rule set as a list, made once (rule sets are module constants): every command is checked against one. */
const compiled = new WeakMap<Rules, readonly FieldCheck[]>();

function fieldChecks(rules: Rules): readonly FieldCheck[] {
  let checks = compiled.get(rules);
  if (!checks) {
    checks = Object.entries(rules).map(([field, spec]) => {
      const optional = typeof spec === 'object' && !Array.isArray(spec) && 'optional' in spec;
      return { field, optional, rule: optional ? (spec as { optional: FieldRule }).optional : (spec as FieldRule) };
    });
    compiled.set(rules, checks);
  }
  return checks;
}

/** Each command type's rules with the id field every one of them needs, made once (checkFields compiles each rule set once). */
export function withIdField<K extends string>(idField: string, rules: Readonly<Record<K, Rules>>): Readonly<Record<K, Rules>> {
  const out = {} as Record<K, Rules>;
  for (const type of Object.keys(rules) as K[]) out[type] = { [idField]: 'text', ...rules[type] };
  return out;
}

/** The last line behind the transport's validation: an incomplete or malformed command is refused, never recorded. */
export function checkFields(command: string, data: unknown, rules: Rules, path = ''): void {
  if (!isObject(data)) throw incomplete(command, path || 'data');
  const record = data as Record<string, unknown>;
  const checks = fieldChecks(rules);
  for (let i = 0; i < checks.length; i += 1) {
    const { field, rule, optional } = checks[i];
    const value = record[field];
    if (optional && value === undefined) continue;
    if (!holds(rule, value)) throw incomplete(command, `${path}${field}`);
  }
}

export function incomplete(command: string, field: string): DomainError {
  return new DomainError('COMMAND.INCOMPLETE', `${command}: ${field} is missing or not valid.`);
}
