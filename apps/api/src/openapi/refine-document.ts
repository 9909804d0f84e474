import { RequestMethod } from '@nestjs/common';
import type {
  HeaderObject, LinkObject, OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { addErrorResponses, errorStatuses } from './error-responses';
import { DtoClass, RouteFacts } from './route-facts';
import { COMMAND_WRITE, CREATES, ResponseHeader, SUCCESS_BODIES, SuccessBody } from './success-responses';
import { applyDtoRules, applyRules, rulesOf } from './validation-schema';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const MANAGED_HEADERS = new Set(['idempotency-key', 'if-match', 'x-min-position']);

const HEADER_PARAMETERS: Record<'Idempotency-Key' | 'If-Match' | 'X-Min-Position', ParameterObject> = {
  'Idempotency-Key': {
    name: 'Idempotency-Key', in: 'header', required: false,
    description: 'Retrying with the same key (and the same body) never records twice; the first answer is replayed.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  },
  'If-Match': {
    name: 'If-Match', in: 'header', required: false,
    description: 'ETag of the revision last seen; 412 when the record changed since.',
    schema: { type: 'string', pattern: '^"\\d{1,15}"$', example: '"3"' },
  },
  'X-Min-Position': {
    name: 'X-Min-Position', in: 'header', required: false,
    description: 'Wait (up to 5 s) until the read models include this ledger position (from X-Ledger-Position); 503 if they do not.',
    schema: { type: 'string', pattern: '^\\d{1,15}$' },
  },
};

const RESPONSE_HEADERS: Record<ResponseHeader, HeaderObject & { required: boolean }> = {
  ETag: { required: true, description: 'Revision of the record; send it as If-Match', schema: { type: 'string', pattern: '^"\\d+"$' } },
  Location: { required: true, description: 'Where the created record is read', schema: { type: 'string', pattern: '^/v1/[a-z-]+/[0-9a-f-]{36}$' } },
  'X-Ledger-Position': { required: true, description: 'Ledger position of the write; pass as X-Min-Position to read it', schema: { type: 'string', pattern: '^\\d+$' } },
  'Idempotent-Replayed': { required: false, description: 'Present (true) when an Idempotency-Key replay answered', schema: { type: 'string', enum: ['true'] } },
  'Content-Disposition': { required: true, description: 'Attachment file name', schema: { type: 'string' } },
};

const UUID: SchemaObject = { type: 'string', format: 'uuid' };

interface Operation {
  readonly path: string;
  readonly method: (typeof METHODS)[number];
  readonly operation: OperationObject;
  readonly facts: RouteFacts;
}

function isWrite(facts: RouteFacts): boolean {
  return facts.method === RequestMethod.POST || facts.method === RequestMethod.DELETE;
}

/** A write that runs a command: it takes a body, an Idempotency-Key and (on an existing record) If-Match. */
function isCommand(facts: RouteFacts): boolean {
  return isWrite(facts) && facts.body !== undefined;
}

function refineParameters(op: Operation): void {
  const params = ((op.operation.parameters ?? []) as ParameterObject[]).filter((p) => !(p.in === 'header' && MANAGED_HEADERS.has(p.name.toLowerCase())));
  const queryRules = op.facts.query ? rulesOf(op.facts.query) : new Map();
  for (const p of params) {
    if (p.in === 'path') p.schema = { ...UUID };
    if (p.in === 'query' && p.schema) applyRules(p.schema as SchemaObject, queryRules.get(p.name) ?? []);
  }
  const hasPathId = params.some((p) => p.in === 'path');
  if (isCommand(op.facts)) params.push({ ...HEADER_PARAMETERS['Idempotency-Key'] });
  if (isCommand(op.facts) && hasPathId) params.push({ ...HEADER_PARAMETERS['If-Match'] });
  if (op.facts.method === RequestMethod.GET && !op.facts.isPublic) params.push({ ...HEADER_PARAMETERS['X-Min-Position'] });
  op.operation.parameters = params;
}

function successResponse(op: Operation, body: SuccessBody): ResponseObject {
  const content = body.mediaType
    ? { [body.mediaType]: { schema: { type: 'string' } as SchemaObject } }
    : { 'application/json': { schema: { $ref: `#/components/schemas/${body.type?.name}` } } };
  const headers = Object.fromEntries((body.headers ?? []).map((h) => [h, { ...RESPONSE_HEADERS[h] }]));
  const existing = Object.entries(op.operation.responses).find(([status]) => status.startsWith('2'));
  return { description: (existing?.[1] as ResponseObject | undefined)?.description || 'Success', content, ...(body.headers?.length ? { headers } : {}) };
}

function refineResponses(op: Operation): void {
  const body = SUCCESS_BODIES[op.facts.operationId] ?? (isCommand(op.facts) ? COMMAND_WRITE : undefined);
  const responses = op.operation.responses;
  const success = Object.keys(responses).find((status) => status.startsWith('2')) ?? '200';
  if (body) responses[success] = successResponse(op, body);
  if (op.facts.operationId === 'HealthController_ready') responses['503'] = { ...successResponse(op, body as SuccessBody), description: 'Not ready (same body)' };
  const params = (op.operation.parameters ?? []) as ParameterObject[];
  addErrorResponses(op.operation, errorStatuses(op.facts, {
    path: op.path,
    takesInput: params.length > 0 || op.operation.requestBody !== undefined,
    hasPathId: params.some((p) => p.in === 'path'),
    hasBody: op.operation.requestBody !== undefined,
    takesIfMatch: params.some((p) => p.name === 'If-Match'),
  }));
}

/** Links from what a create answers to the operations on the record it created (for clients and stateful fuzzers). */
function addLinks(ops: readonly Operation[]): void {
  const byId = new Map(ops.map((o) => [o.facts.operationId, o]));
  const link = (from: string, to: Operation, link: LinkObject) => {
    const source = byId.get(from);
    if (!source) return;
    const status = Object.keys(source.operation.responses).find((s) => s.startsWith('2')) as string;
    const response = source.operation.responses[status] as ResponseObject;
    response.links = { ...response.links, [to.facts.operationId]: { operationId: to.operation.operationId, ...link } };
  };
  const onRecord = (prefix: string) => ops.filter((o) => o.path === prefix || o.path.startsWith(`${prefix}/`));
  for (const create of CREATES) {
    const source = byId.get(create);
    if (!source) continue;
    for (const target of onRecord(`${source.path}/{id}`)) {
      const params = (target.operation.parameters as ParameterObject[]).filter((p) => p.in === 'path');
      if (params.length === 1) link(create, target, { parameters: { id: '$response.body#/id' } });
    }
  }
  const subResources: [string, string, string][] = [
    ['PartiesController_addContactPoint', 'PartiesController_removeContactPoint', 'contactPointId'],
    ['PartiesController_linkRelationship', 'PartiesController_unlinkRelationship', 'relationshipId'],
    ['PartiesController_placeLegalHold', 'PartiesController_releaseLegalHold', 'holdId'],
  ];
  for (const [from, to, param] of subResources) {
    const target = byId.get(to);
    if (target) link(from, target, { parameters: { id: '$request.path.id', [param]: `$response.body#/${param}` } });
  }
  const partyBodies: [string, LinkObject][] = [
    ['InteractionsController_record', { requestBody: { partyIds: ['$response.body#/id'] } }],
    ['CorrespondenceController_receive', { requestBody: { partyIds: ['$response.body#/id'] } }],
    ['AuditController_access', { parameters: { partyId: '$response.body#/id' } }],
  ];
  for (const [to, definition] of partyBodies) {
    const target = byId.get(to);
    if (target) link('PartiesController_register', target, definition);
  }
  const inclusion = byId.get('AuditController_inclusion');
  if (inclusion) link('AuditController_checkpoint', inclusion, { parameters: { position: '$response.body#/position', treeSize: '$response.body#/treeSize' } });
}

/** Adds the constraints the validators enforce to every request-body schema, nested DTOs included. */
function refineBodySchemas(document: OpenAPIObject, ops: readonly Operation[]): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject | ReferenceObject>;
  const seen = new Set<DtoClass>();
  const visit = (dto: DtoClass) => {
    if (seen.has(dto)) return;
    seen.add(dto);
    const schema = schemas[dto.name] as SchemaObject | undefined;
    if (schema) applyDtoRules(schema, dto);
    for (const nested of nestedDtos(dto)) visit(nested);
  };
  for (const op of ops) if (op.facts.body) visit(op.facts.body);
}

/** DTO classes a DTO's properties are typed with (from @ApiProperty({ type })). */
function nestedDtos(dto: DtoClass): DtoClass[] {
  const names = (Reflect.getMetadata('swagger/apiModelPropertiesArray', dto.prototype) ?? []) as string[];
  return names.flatMap((n) => {
    const meta = Reflect.getMetadata('swagger/apiModelProperties', dto.prototype, n.replace(/^:/, '')) as { type?: unknown } | undefined;
    const type = Array.isArray(meta?.type) ? meta?.type[0] : meta?.type;
    return typeof type === 'function' && type.prototype && ![String, Number, Boolean, Object, Array].includes(type as never) ? [type as DtoClass] : [];
  });
}

/**
 * Makes the generated document tell the truth: every error status with the problem schema, a body
 * schema and headers for every success, the validators' constraints, uuids, only the headers an
 * operation takes, and links from creates to what they created.
 */
export function refineDocument(document: OpenAPIObject, facts: ReadonlyMap<string, RouteFacts>): OpenAPIObject {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      const fact = operation?.operationId ? facts.get(operation.operationId) : undefined;
      if (operation && fact) ops.push({ path, method, operation, facts: fact });
    }
  }
  for (const op of ops) {
    refineParameters(op);
    refineResponses(op);
  }
  refineBodySchemas(document, ops);
  addLinks(ops);
  return document;
}
