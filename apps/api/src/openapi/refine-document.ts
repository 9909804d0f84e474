import { RequestMethod } from '@nestjs/common';
import type {
  HeaderObject, LinkObject, OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { addErrorResponses, errorStatuses } from './error-responses';
import { DtoClass, RouteFacts } from './route-facts';
import { COMMAND_WRITE, CREATED, CREATES, ResponseHeader, SUCCESS_BODIES, SuccessBody } from './success-responses';
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
    description: 'ETag of the revision last seen (412 when the record changed since), or * for whatever revision is current (RFC 9110). Without it the write applies to the current revision.',
    schema: { type: 'string', pattern: '^(\\*|"\\d{1,15}")$', example: '"3"' },
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
  const ref = { $ref: `#/components/schemas/${body.type?.name}` };
  // A create's body is the write result of the record it created, named by its path (a schema of its own,
  // so that clients and fuzzers tell a party's id from an interaction's).
  const created = CREATED[op.facts.operationId];
  const schema: SchemaObject | ReferenceObject = created ? { description: `The ${created} created: its id, revision and ledger position`, allOf: [ref] } : ref;
  const content = body.mediaType
    ? { [body.mediaType]: { schema: { type: 'string' } as SchemaObject } }
    : { 'application/json': { schema } };
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
  splitContactPoint(schemas);
}

/**
 * A contact point is one of three shapes, told apart by `kind` (as the mapper reads it): an e-mail
 * address, a phone number (libphonenumber: international, or national for the server's phone region;
 * `format: phone`), or a postal address. Each shape takes only its own fields.
 */
function splitContactPoint(schemas: Record<string, SchemaObject | ReferenceObject>): void {
  const schema = schemas.ContactPointDto as SchemaObject | undefined;
  if (!schema?.properties) return;
  const { kind: _kind, value, address, ...common } = schema.properties as Record<string, SchemaObject>;
  const shape = (kind: string, own: Record<string, SchemaObject | ReferenceObject>, required: string[]): SchemaObject => ({
    type: 'object', properties: { kind: { type: 'string', enum: [kind] }, ...own, ...common }, required: ['kind', ...required], additionalProperties: false,
  });
  const shapes: Record<string, SchemaObject> = {
    email: shape('email', { value: { ...value, format: 'email', description: 'E-mail address', example: 'zoe@example.org' } }, ['value']),
    phone: shape('phone', { value: { ...value, format: 'phone', description: "Phone number: international (+44…) or national for the server's phone region", example: '+44 20 7946 0018' } }, ['value']),
    postal: shape('postal', { address }, ['address']),
  };
  const name = (kind: string) => `${kind[0].toUpperCase()}${kind.slice(1)}ContactPointDto`;
  for (const [kind, variant] of Object.entries(shapes)) schemas[name(kind)] = variant;
  schemas.ContactPointDto = {
    oneOf: Object.keys(shapes).map((kind) => ({ $ref: `#/components/schemas/${name(kind)}` })),
    discriminator: { propertyName: 'kind', mapping: Object.fromEntries(Object.keys(shapes).map((kind) => [kind, `#/components/schemas/${name(kind)}`])) },
  };
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
 * operation takes, the roles that may call it (x-roles), and links from creates to what they created.
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
    // Who may call it: any other role gets 403 AUTH.FORBIDDEN (departments and confidentiality decide further).
    if (!op.facts.isPublic) (op.operation as OperationObject & { 'x-roles'?: string[] })['x-roles'] = [...op.facts.roles];
  }
  refineBodySchemas(document, ops);
  addLinks(ops);
  return document;
}
