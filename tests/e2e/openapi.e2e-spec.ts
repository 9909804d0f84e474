import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ROLES } from '@civic-ledger/application';
import { interaction, letter, person, startTestApp, TestApp } from './support/test-app';
import { OpenApiDocument, ResponseValidator } from './support/openapi-responses';

type Operation = {
  operationId: string; parameters?: { name: string; in: string; schema: Record<string, unknown> }[]; requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }>; headers?: Record<string, { required?: boolean }>; links?: Record<string, { operationId: string; parameters?: Record<string, string> }> }>;
  security?: unknown[];
  'x-roles'?: string[];
};

const PROBLEM = { $ref: '#/components/schemas/ProblemResponse' };

describe('the OpenAPI document tells the truth', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let ops: { method: string; path: string; op: Operation }[];
  let validator: ResponseValidator;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.anonymous.get('/openapi.json').expect(200)).body;
    ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method, path, op: op as unknown as Operation })));
    validator = new ResponseValidator(doc);
  });
  afterAll(async () => t.close());

  const secured = () => ops.filter(({ path }) => !path.startsWith('/health') && path !== '/v1/console/config');
  const writes = () => secured().filter(({ method, op }) => (method === 'post' || method === 'delete') && op.requestBody !== undefined);

  it('documents every error status an operation can answer, each with the problem schema', () => {
    for (const { method, path, op } of secured()) {
      const statuses = Object.keys(op.responses);
      const expected = ['401', '403', '429', '503'];
      if (op.parameters?.length || op.requestBody) expected.push('400');
      if (path.includes('{')) expected.push('404');
      if (method !== 'get') expected.push('409');
      if (op.requestBody) expected.push('413', '415', '422');
      if (op.parameters?.some((p) => p.name === 'If-Match')) expected.push('412');
      expect([`${method} ${path}`, statuses]).toEqual([`${method} ${path}`, expect.arrayContaining(expected)]);
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        expect([`${method} ${path} ${status}`, op.responses[status].content]).toEqual([`${method} ${path} ${status}`, { 'application/problem+json': { schema: PROBLEM } }]);
      }
    }
  });

  it('gives every success response a body schema, ETag/Location headers where they are sent', () => {
    for (const { method, path, op } of ops) {
      const successes = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
      expect([`${method} ${path}`, successes.length]).toEqual([`${method} ${path}`, 1]);
      const [, success] = successes[0];
      const schemas = Object.values(success.content ?? {}).map((c) => c.schema);
      expect([`${method} ${path}`, schemas.length > 0 && schemas.every(Boolean)]).toEqual([`${method} ${path}`, true]);
    }
    for (const { op } of writes()) {
      const success = Object.entries(op.responses).find(([s]) => s.startsWith('2'))?.[1];
      expect(success?.headers?.ETag?.required).toBe(true);
      expect(success?.headers?.['X-Ledger-Position']?.required).toBe(true);
    }
    for (const path of ['/v1/parties', '/v1/interactions', '/v1/correspondence']) {
      expect(doc.paths[path].post.responses).toHaveProperty(['201', 'headers', 'Location', 'required'], true);
    }
    for (const path of ['/v1/parties/{id}', '/v1/interactions/{id}', '/v1/correspondence/{id}']) {
      expect(doc.paths[path].get.responses).toHaveProperty(['200', 'headers', 'ETag', 'required'], true);
    }
  });

  it('declares ids as uuids and only the headers an operation takes', () => {
    for (const { method, path, op } of ops) {
      for (const p of (op.parameters ?? []).filter((x) => x.in === 'path')) expect([`${method} ${path} ${p.name}`, p.schema.format]).toEqual([`${method} ${path} ${p.name}`, 'uuid']);
      const headers = (op.parameters ?? []).filter((x) => x.in === 'header').map((x) => x.name);
      const command = (method === 'post' || method === 'delete') && op.requestBody !== undefined;
      expect([`${method} ${path}`, headers.includes('Idempotency-Key')]).toEqual([`${method} ${path}`, command]);
      expect([`${method} ${path}`, headers.includes('If-Match')]).toEqual([`${method} ${path}`, command && path.includes('{')]);
    }
  });

  it('declares what the validators enforce', () => {
    const schemas = doc.components.schemas as Record<string, { properties: Record<string, Record<string, unknown> & { items?: Record<string, unknown> }>; additionalProperties?: boolean }>;
    expect(schemas.RecordInteractionDto.properties.partyIds).toMatchObject({ minItems: 1, maxItems: 20, uniqueItems: true, items: { format: 'uuid' } });
    expect(schemas.RecordInteractionDto.additionalProperties).toBe(false);
    expect(schemas.RecordInteractionDto.properties.summary).toMatchObject({ minLength: 1, maxLength: 4000 });
    expect(schemas.RecordInteractionDto.properties.occurredAt).toMatchObject({ format: 'date-time', pattern: expect.any(String) });
    expect(schemas.AttachmentDto.properties.sha256).toMatchObject({ pattern: '^[a-f0-9]{64}$' });
    expect(schemas.ReceiveCorrespondenceDto.properties.partyIds).toMatchObject({ minItems: 1 });
    expect(schemas.NameDto.properties.full).toMatchObject({ minLength: 1, maxLength: 200 });
    expect(schemas.PostalAddressDto.properties.country.enum).toContain('GB');
    expect(schemas.InteractionChangesDto.properties.topics).toMatchObject({ maxItems: 20, items: { pattern: expect.any(String) } });
    const limit = (doc.paths['/v1/parties/{id}/timeline'].get as unknown as Operation).parameters?.find((p) => p.name === 'limit');
    expect(limit?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
    // Trimmed fields count from the first to the last non-blank character, as the validators (which trim first) do.
    for (const [dto, blank, valid] of [['NameDto', { full: ' \t ' }, { full: ' Zoë ' }], ['IdentifierDto', { scheme: 'nino', value: '   ' }, { scheme: 'nino', value: ' QQ 12 ' }]] as const) {
      expect([dto, validator.validate(schemas[dto], blank).length > 0]).toEqual([dto, true]);
      expect([dto, validator.validate(schemas[dto], valid)]).toEqual([dto, []]);
    }
    expect(validator.validate({ $ref: '#/components/schemas/EmailContactPointDto' }, { kind: 'email', value: ' a  ' })).not.toEqual([]);
    // If-Match: an ETag, or * for whatever revision is current.
    const ifMatch = (doc.paths['/v1/parties/{id}/name-changes'].post as unknown as Operation).parameters?.find((p) => p.name === 'If-Match');
    expect(['"3"', '*'].map((v) => validator.validate(ifMatch?.schema, v))).toEqual([[], []]);
    expect(validator.validate(ifMatch?.schema, 'W/"3"')).not.toEqual([]);
  });

  it('gives only examples that its own schemas accept', () => {
    const bad: string[] = [];
    const visit = (schema: unknown, where: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const { example, ...rest } = schema as Record<string, unknown>;
      if (example !== undefined) {
        const problems = validator.validate(rest, example);
        if (problems.length) bad.push(`${where}: ${JSON.stringify(example)} ${problems.join('; ')}`);
      }
      for (const [key, value] of Object.entries(rest)) visit(value, `${where}/${key}`);
    };
    visit(doc.components.schemas, '#/components/schemas');
    for (const { method, path, op } of ops) for (const p of op.parameters ?? []) visit(p.schema, `${method} ${path} ${p.name}`);
    expect(bad).toEqual([]);
  });

  it('describes each kind of contact point with its own fields, and the API takes no other', async () => {
    const schemas = doc.components.schemas as Record<string, { oneOf?: unknown[]; required?: string[]; properties?: Record<string, unknown> }>;
    expect(schemas.ContactPointDto.oneOf).toHaveLength(3);
    expect(schemas.EmailContactPointDto.properties?.value).toMatchObject({ format: 'email' });
    expect(schemas.PhoneContactPointDto.properties?.value).toMatchObject({ format: 'phone' });
    expect(schemas.PostalContactPointDto.required).toEqual(['kind', 'address']);
    expect(schemas.PostalContactPointDto.properties).not.toHaveProperty('value');
    const contactPoint = { $ref: '#/components/schemas/ContactPointDto' };
    const address = { lines: ['1 High Street'], country: 'GB' };
    const party = (await t.http.post('/v1/parties').send(person('Kinds Person')).expect(201)).body.id;
    for (const body of [{ kind: 'email', value: 'kinds@example.org' }, { kind: 'phone', value: '+44 20 7946 0018' }, { kind: 'phone', value: '0113 496 0123' }, { kind: 'postal', address }]) {
      expect([body, validator.validate(contactPoint, body)]).toEqual([body, []]);
      await t.http.post(`/v1/parties/${party}/contact-points`).send(body).expect(201);
    }
    for (const body of [{ kind: 'postal', value: '1 High Street', address }, { kind: 'phone', value: '+44 20 7946 0019', address }, { kind: 'email', value: 'not an address' }, { kind: 'phone', value: '+44 1632 960001' }]) {
      expect([body, validator.validate(contactPoint, body).length > 0]).toEqual([body, true]);
      expect([body, (await t.http.post(`/v1/parties/${party}/contact-points`).send(body)).status]).toEqual([body, 400]);
    }
  });

  it('names the roles that may call each operation (x-roles); any other role gets 403', async () => {
    const tokens = new Map(await Promise.all(ROLES.map(async (role) => [role, await t.token(role)] as const)));
    for (const { method, path, op } of secured()) {
      const allowed = op['x-roles'] ?? [];
      expect([`${method} ${path}`, allowed.length > 0 && allowed.every((r) => (ROLES as readonly string[]).includes(r))]).toEqual([`${method} ${path}`, true]);
      const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const res = await t.anonymous[method as 'get' | 'post' | 'delete'](url).set('Authorization', tokens.get(role) as string).send(method === 'get' ? undefined : {});
        expect([`${method} ${path} as ${role}`, res.status, res.body.code]).toEqual([`${method} ${path} as ${role}`, 403, 'AUTH.FORBIDDEN']);
      }
    }
    expect((doc.paths['/v1/parties/{id}/merges'].post as unknown as Operation)['x-roles']).toEqual(['supervisor']);
    for (const path of ['/health/live', '/health/ready', '/v1/console/config']) expect(doc.paths[path].get).not.toHaveProperty('x-roles');
  });

  it('gives each create a body schema of its own (the write result of what it created)', () => {
    for (const [path, created] of [['/v1/parties', 'party'], ['/v1/interactions', 'interaction'], ['/v1/correspondence', 'correspondence']]) {
      const schema = (doc.paths[path].post as unknown as Operation).responses['201'].content?.['application/json'].schema;
      expect(schema).toMatchObject({ allOf: [{ $ref: '#/components/schemas/WriteResultResponse' }], description: expect.stringContaining(created) });
    }
  });

  it('links each create to the operations on what it created', () => {
    const links = (path: string) => Object.values((doc.paths[path].post as unknown as Operation).responses['201'].links ?? {});
    const partyLinks = links('/v1/parties');
    const targets = partyLinks.map((l) => l.operationId);
    expect(targets).toEqual(expect.arrayContaining(['PartyReadsController_view', 'PartiesController_addContactPoint', 'PartyReadsController_timeline', 'InteractionsController_record']));
    expect(partyLinks.find((l) => l.operationId === 'PartyReadsController_view')?.parameters).toEqual({ id: '$response.body#/id' });
    expect(links('/v1/interactions').map((l) => l.operationId)).toEqual(expect.arrayContaining(['InteractionsController_get', 'InteractionsController_amend']));
    expect(links('/v1/correspondence').map((l) => l.operationId)).toEqual(expect.arrayContaining(['CorrespondenceController_get', 'CorrespondenceController_close']));
    expect(links('/v1/parties/{id}/contact-points')[0]).toEqual({ operationId: 'PartiesController_removeContactPoint', parameters: { id: '$request.path.id', contactPointId: '$response.body#/contactPointId' } });
    const ids = new Set(ops.map(({ op }) => op.operationId));
    for (const { op } of ops) for (const r of Object.values(op.responses)) for (const l of Object.values(r.links ?? {})) expect(ids.has(l.operationId)).toBe(true);
  });

  it('real responses match the documented schemas, status codes and headers', async () => {
    const seen: string[] = [];
    const check = (method: string, template: string, res: Response) => {
      seen.push(`${method} ${template} ${res.status}`);
      expect([`${method} ${template} ${res.status}`, validator.check(method, template, { status: res.status, headers: res.headers as Record<string, string>, body: res.body, text: typeof res.body === 'string' ? res.body : res.text })])
        .toEqual([`${method} ${template} ${res.status}`, []]);
      return res;
    };
    const party = check('POST', '/v1/parties', await t.http.post('/v1/parties').send(person('Schema Person', { contactPoints: [{ kind: 'email', value: 'schema@example.org' }], identifiers: [{ scheme: 'client-number', value: 'S-1' }] }))).body.id;
    const other = check('POST', '/v1/parties', await t.http.post('/v1/parties').send(person('Schema Other'))).body.id;
    const cp = check('POST', '/v1/parties/{id}/contact-points', await t.http.post(`/v1/parties/${party}/contact-points`).send({ kind: 'phone', value: '+44 20 7946 0018' }).expect(201)).body.contactPointId;
    check('DELETE', '/v1/parties/{id}/contact-points/{contactPointId}', await t.http.delete(`/v1/parties/${party}/contact-points/${cp}`).send({ reason: 'moved' }));
    check('POST', '/v1/parties/{id}/relationships', await t.http.post(`/v1/parties/${party}/relationships`).send({ kind: 'spouse', toPartyId: other }));
    check('POST', '/v1/parties/{id}/consents', await t.http.post(`/v1/parties/${party}/consents`).send({ purpose: 'reminders', channel: 'sms' }));
    const recorded = check('POST', '/v1/interactions', await t.http.post('/v1/interactions').send(interaction([party])));
    const min = recorded.headers['x-ledger-position'];
    check('GET', '/v1/interactions/{id}', await t.http.get(`/v1/interactions/${recorded.body.id}`).set('X-Min-Position', min));
    check('POST', '/v1/interactions/{id}/amendments', await t.http.post(`/v1/interactions/${recorded.body.id}/amendments`).send({ changes: { outcome: 'called back' }, reason: 'follow-up' }));
    const received = check('POST', '/v1/correspondence', await t.http.post('/v1/correspondence').send(letter([party], { department: 'housing', attachments: [{ name: 'a.pdf', mediaType: 'application/pdf', sizeBytes: 3, sha256: 'a'.repeat(64) }] })));
    check('POST', '/v1/correspondence/{id}/acknowledge', await t.http.post(`/v1/correspondence/${received.body.id}/acknowledge`).send({}));
    const last = check('POST', '/v1/correspondence/{id}/assign', await t.http.post(`/v1/correspondence/${received.body.id}/assign`).send({ assigneeId: 'staff-1' })).headers['x-ledger-position'];
    check('GET', '/v1/correspondence/{id}', await t.http.get(`/v1/correspondence/${received.body.id}`).set('X-Min-Position', last));
    check('GET', '/v1/correspondence', await t.http.get('/v1/correspondence?limit=5').set('X-Min-Position', last));
    check('GET', '/v1/parties/{id}', await t.http.get(`/v1/parties/${party}`).set('X-Min-Position', last));
    check('GET', '/v1/parties', await t.http.get('/v1/parties?q=schema').set('X-Min-Position', last));
    check('GET', '/v1/parties/{id}/timeline', await t.http.get(`/v1/parties/${party}/timeline?limit=2`).set('X-Min-Position', last));
    check('GET', '/v1/parties/{id}/consents/check', await t.http.get(`/v1/parties/${party}/consents/check?purpose=reminders&channel=sms`));
    check('GET', '/v1/parties/{id}/changes', await t.http.get(`/v1/parties/${party}/changes?from=2000-01-01T00:00:00Z&to=2199-01-01T00:00:00Z`));
    check('GET', '/v1/parties/{id}/export', await t.http.get(`/v1/parties/${party}/export`).buffer(true).parse((res, done) => { let text = ''; res.on('data', (c: Buffer) => { text += c.toString(); }); res.on('end', () => done(null, text)); }));
    check('GET', '/v1/audit/access', await t.http.get(`/v1/audit/access?partyId=${party}`).set('X-Min-Position', last));
    const checkpoint = check('POST', '/v1/audit/checkpoints', await t.http.post('/v1/audit/checkpoints').send()).body;
    check('GET', '/v1/audit/checkpoints', await t.http.get('/v1/audit/checkpoints'));
    check('GET', '/v1/audit/proofs/inclusion', await t.http.get(`/v1/audit/proofs/inclusion?position=${checkpoint.position}&treeSize=${checkpoint.treeSize}`));
    check('GET', '/v1/audit/verify', await t.http.get('/v1/audit/verify'));
    check('GET', '/v1/audit/public-key', await t.http.get('/v1/audit/public-key'));
    check('GET', '/health/ready', await t.anonymous.get('/health/ready'));
    check('GET', '/health/live', await t.anonymous.get('/health/live'));
    // Errors: problem+json with the documented status.
    check('GET', '/v1/parties/{id}', await t.http.get(`/v1/parties/${randomUUID()}`));
    check('GET', '/v1/parties/{id}', await t.http.get('/v1/parties/not-a-uuid'));
    check('GET', '/v1/parties/{id}', await t.anonymous.get(`/v1/parties/${party}`));
    check('POST', '/v1/parties', await t.http.post('/v1/parties').send({ kind: 'robot' }));
    check('POST', '/v1/parties', await t.http.post('/v1/parties').set('Content-Type', 'text/plain').send('hello'));
    check('POST', '/v1/parties/{id}/name-changes', await t.http.post(`/v1/parties/${party}/name-changes`).set('If-Match', '"0"').send({ name: { full: 'Stale Write' } }));
    check('POST', '/v1/parties/{id}/relationships', await t.http.post(`/v1/parties/${party}/relationships`).send({ kind: 'spouse', toPartyId: other }));
    check('POST', '/v1/parties/{id}/merges', await t.http.post(`/v1/parties/${party}/merges`).send({ survivorPartyId: party, reason: 'same' }));
    check('GET', '/v1/correspondence/{id}', await t.http.get(`/v1/correspondence/${received.body.id}`).set('Authorization', await t.token('clerk')));
    expect(seen.length).toBeGreaterThan(35);
  });

  it('answers a method a path does not support with 405 and Allow, as problem+json', async () => {
    const put = await t.http.put('/v1/parties').send({}).expect(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect(put.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(put.body).toMatchObject({ status: 405, code: 'METHOD.NOT_ALLOWED', title: 'Method Not Allowed' });
    const del = await t.anonymous.delete(`/v1/parties/${randomUUID()}`).expect(405);
    expect(del.headers.allow).toBe('GET, HEAD, OPTIONS');
    await t.http.patch(`/v1/correspondence/${randomUUID()}/close`).expect(405).expect('Allow', 'POST, OPTIONS');
    await t.anonymous.post('/health/live').expect(405).expect('Allow', 'GET, HEAD, OPTIONS');
    await t.anonymous.options('/v1/interactions').expect(204).expect('Allow', 'POST, OPTIONS');
    await t.http.get('/v1/nothing-here').expect(404);
    await t.http.put('/v1/parties/not-a-uuid/unknown').expect(404);
  });
});
