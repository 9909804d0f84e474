/** The part of JSON Schema (draft 2020-12) the event schemas use. */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: JsonType | readonly JsonType[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly minProperties?: number;
  readonly items?: JsonSchema;
  /** Valid when it matches at least one of these. */
  readonly anyOf?: readonly JsonSchema[];
  readonly minItems?: number;
  readonly enum?: readonly (string | number | null)[];
  readonly const?: string;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly format?: 'date-time';
  readonly minimum?: number;
  readonly maximum?: number;
}

type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** An id or a piece of text: never empty (the deciders refuse blank text). */
export const text: JsonSchema = { type: 'string', minLength: 1 };
export const ids: JsonSchema = { type: 'array', items: text, minItems: 1 };
export const texts: JsonSchema = { type: 'array', items: text };
/** An ISO 8601 instant with its offset (the API accepts nothing else). */
export const instant: JsonSchema = { type: 'string', format: 'date-time' };
export const flag: JsonSchema = { type: 'boolean' };

/** A closed object: `required` fields must be there, `optional` ones may be, nothing else may. */
export function object(required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}): JsonSchema {
  return { type: 'object', additionalProperties: false, required: Object.keys(required), properties: { ...required, ...optional } };
}

/** A string enum listing every member of a union: the compiler refuses a missing or an unknown member. */
export function members<T extends string>(all: Record<T, true>): JsonSchema {
  return { type: 'string', enum: Object.keys(all) };
}

/** A string enum from a runtime list of values (CHANNELS, DIRECTIONS, …). */
export function oneOf(values: readonly string[]): JsonSchema {
  return { type: 'string', enum: values };
}

/** The same schema, also allowing null (an amendment's previous value of a field that had none). */
export function orNull(schema: JsonSchema): JsonSchema {
  const type = schema.type ?? [];
  const enumValues = schema.enum ? { enum: [...schema.enum, null] } : {};
  return { ...schema, ...enumValues, type: [...(Array.isArray(type) ? type : [type as JsonType]), 'null'] };
}
