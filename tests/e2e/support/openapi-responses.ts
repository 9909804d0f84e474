import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { normalisePhone } from '@civic-ledger/read-models';

type Json = Record<string, unknown>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
}

/** OpenAPI 3.0 `nullable` as JSON Schema (how schema-driven clients and fuzzers read it). */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (typeof value !== 'object' || value === null) return value;
  const { nullable, example: _example, ...rest } = value as Json;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, toJsonSchema(s)])) : toJsonSchema(v)]));
  return nullable ? { anyOf: [converted, { type: 'null' }] } : converted;
}

/** Checks real responses against what /openapi.json documents for the operation and status. */
export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    // `format: phone`: what the API takes as a phone number (libphonenumber, the default region GB).
    this.ajv.addFormat('phone', { type: 'string', validate: (value: string) => normalisePhone(value, 'GB') !== null });
    this.ajv.addSchema({ $id: 'openapi.json', components: { schemas: toJsonSchema(document.components.schemas) } });
  }

  /** Problems of `value` against a schema of the document (its $refs resolved against the document's components). */
  validate(schema: unknown, value: unknown): string[] {
    const validate = this.ajv.compile(toJsonSchema(JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"openapi.json#/components'))) as Json);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  }

  /** Problems found (empty when the response is as documented). */
  check(method: string, pathTemplate: string, response: { status: number; headers: Record<string, string>; body: unknown; text?: string }): string[] {
    const operation = this.document.paths[pathTemplate]?.[method.toLowerCase()] as { responses: Record<string, Json> } | undefined;
    if (!operation) return [`${method} ${pathTemplate} is not documented`];
    const documented = operation.responses[String(response.status)];
    if (!documented) return [`${method} ${pathTemplate} answered ${response.status}, which is not documented`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries((documented.headers ?? {}) as Record<string, { required?: boolean }>)) {
      if (header.required && response.headers[name.toLowerCase()] === undefined) problems.push(`header ${name} is missing`);
    }
    const content = (documented.content ?? {}) as Record<string, { schema: Json }>;
    const mediaType = (response.headers['content-type'] ?? '').split(';')[0];
    const entry = content[mediaType];
    if (!entry) return [...problems, `${response.status} answered ${mediaType}, documented: ${Object.keys(content).join(', ')}`];
    const key = `${method} ${pathTemplate} ${response.status} ${mediaType}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(JSON.parse(JSON.stringify(entry.schema).replace(/"#\/components/g, '"openapi.json#/components'))) as Json);
      this.cache.set(key, validate);
    }
    const body = mediaType.endsWith('json') ? response.body : response.text;
    if (!validate(body)) problems.push(...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
    return problems;
  }
}
