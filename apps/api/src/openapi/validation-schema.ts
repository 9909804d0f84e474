import { getMetadataStorage, isISO31661Alpha2 } from 'class-validator';
import type { DtoClass } from './route-facts';
import { isTrimmed } from '../http/trim';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * What class-validator enforces on a DTO, as JSON Schema keywords: the document then declares
 * exactly the constraints the edge validates (lengths, patterns, ranges, formats, array sizes),
 * read from the validators themselves so the two cannot drift apart.
 */
interface Rule {
  readonly name?: string;
  readonly type: string;
  readonly propertyName: string;
  readonly constraints?: unknown[];
  readonly each?: boolean;
}

/** The canonical form IsInstant() validates after normalising; the document shows what a client may send. */
const CANONICAL_INSTANT = String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`;
const INSTANT_PATTERN = String.raw`^(19\d{2}|2[01]\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?(Z|[+-](0\d|1[0-4]):[0-5]\d)$`;

let countries: string[] | undefined;
/** ISO 3166-1 alpha-2 codes as the validator knows them. */
function countryCodes(): string[] {
  if (!countries) {
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    countries = letters.flatMap((a) => letters.map((b) => a + b)).filter((code) => isISO31661Alpha2(code));
  }
  return countries;
}

export function rulesOf(dto: DtoClass): Map<string, Rule[]> {
  const all = getMetadataStorage().getTargetValidationMetadatas(dto as unknown as new () => object, '', true, false) as unknown as Rule[];
  const byProperty = new Map<string, Rule[]>();
  for (const rule of all) byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  return byProperty;
}

/** A JavaScript RegExp as a pattern that ECMA-262 and Python's re both read the same way. */
function patternOf(regex: RegExp): string {
  if (regex.source === CANONICAL_INSTANT) return INSTANT_PATTERN;
  return regex.flags.includes('i') ? regex.source.replace(/a-z/g, 'a-zA-Z') : regex.source;
}

/** The keywords one rule adds to the schema of a single value. */
function valueKeywords(rule: Rule): SchemaObject {
  const [first, second] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isLength': return { type: 'string', minLength: first as number, ...(second !== undefined ? { maxLength: second as number } : {}) };
    case 'minLength': return { type: 'string', minLength: first as number };
    case 'maxLength': return { type: 'string', maxLength: first as number };
    case 'matches': {
      const regex = first instanceof RegExp ? first : new RegExp(first as string, second as string | undefined);
      return { type: 'string', pattern: patternOf(regex), ...(regex.source === CANONICAL_INSTANT ? { format: 'date-time' } : {}) };
    }
    case 'isUuid': return { type: 'string', format: 'uuid' };
    case 'isIn': return { enum: [...(first as unknown[])] };
    case 'isInt': return { type: 'integer' };
    case 'min': return { minimum: first as number };
    case 'max': return { maximum: first as number };
    case 'isString': return { type: 'string' };
    case 'isBoolean': return { type: 'boolean' };
    case 'isEmail': return { type: 'string', format: 'email' };
    case 'isISO31661Alpha2': return { type: 'string', enum: countryCodes() };
    case 'isNotEmpty': return { minLength: 1 };
    default: return {};
  }
}

/** The keywords one rule adds to the schema of an array property. */
function arrayKeywords(rule: Rule): SchemaObject {
  const [first] = rule.constraints ?? [];
  switch (rule.name) {
    case 'arrayMinSize': return { minItems: first as number };
    case 'arrayMaxSize': return { maxItems: first as number };
    case 'arrayUnique': return { uniqueItems: true };
    case 'arrayNotEmpty': return { minItems: 1 };
    default: return {};
  }
}

function isRef(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && '$ref' in schema;
}

function isArraySchema(schema: SchemaObject): boolean {
  return schema.type === 'array' || schema.items !== undefined;
}

/** Adds the validators' constraints of one property to its schema (in place). */
export function applyRules(schema: SchemaObject, rules: readonly Rule[]): void {
  const array = isArraySchema(schema);
  for (const rule of rules) {
    if (array && !rule.each) {
      Object.assign(schema, arrayKeywords(rule));
      continue;
    }
    if (isRef(schema) || (array && isRef(schema.items))) continue;
    const target = array ? (schema.items as SchemaObject) : schema;
    if (!target) continue;
    Object.assign(target, valueKeywords(rule));
  }
  // A property both a string pattern and an enum: the enum says it all.
  for (const target of [schema, schema.items as SchemaObject | undefined]) {
    if (target && target.enum && target.pattern) delete target.pattern;
  }
}

/** A character String.prototype.trim keeps (JavaScript's \s, which Python's \s covers but for U+FEFF). */
const NON_BLANK = String.raw`[^\s\uFEFF]`;

/**
 * A trimmed value's length rules apply after trimming: at least `min` characters from the first to the
 * last non-blank one (an unanchored pattern, as JSON Schema reads it). The length keywords stay on the raw value.
 */
function trimmedPattern(min: number): string {
  return min <= 1 ? NON_BLANK : `${NON_BLANK}[\\s\\S]{${min - 2},}${NON_BLANK}`;
}

/** Adds the constraints of every validated property of `dto` to its component schema (in place). */
export function applyDtoRules(schema: SchemaObject, dto: DtoClass): void {
  // The validation pipe refuses unknown fields (forbidNonWhitelisted).
  schema.additionalProperties = false;
  const rules = rulesOf(dto);
  for (const [property, propertyRules] of rules) {
    const propertySchema = schema.properties?.[property] as SchemaObject | undefined;
    if (!propertySchema) continue;
    applyRules(propertySchema, propertyRules);
    if (isTrimmed(dto, property) && propertySchema.type === 'string' && !propertySchema.pattern) {
      propertySchema.pattern = trimmedPattern(propertySchema.minLength ?? 1);
    }
  }
}
