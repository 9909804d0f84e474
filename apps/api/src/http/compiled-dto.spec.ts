import 'reflect-metadata';
import fastify from 'fastify';
import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { RecordInteractionDto } from '../interactions/interaction.dto';
import { PointInTimeDto, TimelineQueryDto } from '../parties/party-read.dto';
import { ApiError } from './api-error';
import { CompiledDto } from './compiled-dto';
import { COMPILED_BODIES, COMPILED_QUERIES, CompiledValidationPipe, VALIDATION_OPTIONS } from './validation.pipe';

const PARTY = '7d7e3a3c-2f4c-4a8e-9a55-0b6a0d4a1c11';
const OTHER = 'b1f9f0a2-5d57-4c4b-8f38-1e2d3c4b5a69';

const VALID: Record<string, unknown> = {
  channel: 'phone', direction: 'inbound', occurredAt: '2024-03-01T10:00:00Z', partyIds: [PARTY], staffId: 'staff-1042', department: 'housing',
  program: 'rent-support', topics: ['housing-benefit'], summary: 'Asked how to apply for housing benefit', outcome: 'form-sent', satisfaction: 4,
  durationSeconds: 300, confidentiality: 'sensitive', breakGlass: { reason: 'Citizen at the counter asking about housing' },
};

/** Values each field is tried with: valid ones, boundary ones and wrong ones of every JSON type. */
const PALETTE: readonly unknown[] = [
  undefined, null, true, false, 0, 1, 4, 5, 6, -1, 1.5, 86400, 86401, '', ' ', 'x', 'phone', 'email', 'inbound', 'sideways', 'normal', 'restricted',
  'housing', 'Housing', 'housing benefit', '-housing', 'a'.repeat(60), 'a'.repeat(61), 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(4000), 'x'.repeat(4001),
  '2024-03-01T10:00:00Z', '2024-03-01T10:00:00+02:00', '2024-03-01T10:00:00.123456789-05:30', '2024-03-01', '2024-02-30T10:00:00Z', '1899-12-31T23:59:59Z',
  '2200-01-01T00:00:00Z', PARTY, PARTY.toUpperCase(), 'not-a-uuid', 'staff:1.a@b_c-d', 'staff 1', [], [PARTY], [PARTY, OTHER], [PARTY, PARTY], ['x'], [1],
  [null], [[PARTY]], [{ id: PARTY }], Array.from({ length: 20 }, (_, i) => `topic-${i}`), Array.from({ length: 21 }, (_, i) => `topic-${i}`),
  ['housing-benefit', 'Housing'], {}, { reason: 'too short' }, { reason: 'long enough to be a reason' }, { reason: 'long enough to be a reason', extra: 1 },
  { reason: 12345678901 }, { reason: 'x'.repeat(501) },
];
const EXTRA_KEYS = ['unknown', 'summary ', 'id', 'interactionId'];

/** A small deterministic PRNG, so a failure names a reproducible body. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function bodies(): Record<string, unknown>[] {
  const keys = Object.keys(VALID);
  const out: Record<string, unknown>[] = [{ ...VALID }, {}];
  const set = (b: Record<string, unknown>, key: string, value: unknown) => {
    if (value === undefined) delete b[key];
    else b[key] = value;
  };
  for (const key of keys) for (const value of PALETTE) { const b = { ...VALID }; set(b, key, value); out.push(b); }
  for (const key of EXTRA_KEYS) out.push({ ...VALID, [key]: 'x' });
  const random = prng(15);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  for (let i = 0; i < 1500; i += 1) {
    // Start from the full valid body or from the required fields only, then change one to four fields.
    const b: Record<string, unknown> = random() < 0.5 ? { ...VALID } : { channel: 'email', direction: 'outbound', occurredAt: '2024-03-01T10:00:00Z', partyIds: [PARTY], department: 'benefits', topics: [], summary: 'x' };
    for (let n = 1 + Math.floor(random() * 4); n > 0; n -= 1) set(b, pick(keys), pick(PALETTE));
    if (random() < 0.05) b[pick(EXTRA_KEYS)] = pick(PALETTE) ?? 1;
    out.push(b);
  }
  return out;
}

/** As the JSON body parser hands it over (a fresh object of this realm). */
const clone = (body: unknown): unknown => JSON.parse(JSON.stringify(body));

const META: ArgumentMetadata = { type: 'body', metatype: RecordInteractionDto, data: undefined };
type Outcome = { accepted: object; prototype: object | null } | { refused: unknown };

async function outcome(pipe: ValidationPipe, body: unknown, meta: ArgumentMetadata = META, copy: (value: unknown) => unknown = clone): Promise<Outcome> {
  try {
    const accepted = (await pipe.transform(copy(body), meta)) as object;
    return { accepted, prototype: Object.getPrototypeOf(accepted) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { refused: { code: error.code, errors: error.errors, detail: error.detail } };
  }
}

/** Values a query parameter is tried with: what a query string gives (text, or a list when repeated). */
const QUERY_PALETTE: readonly unknown[] = [
  undefined, '', ' ', 'x', '0', '1', '50', '200', '201', '-1', '1.5', '1e2', '0x10', ' 7 ', 'abc', 'phone', 'fax', 'Phone', 'housing-benefit', 'a'.repeat(60),
  'a'.repeat(61), 'x'.repeat(500), 'x'.repeat(501), '2024-03-01T10:00:00Z', '2024-03-01T10:00:00+02:00', '2024-03-01', '2024-02-30T10:00:00Z', 'eyJwIjoxfQ',
  ['1', '2'], ['phone'], [], ['2024-03-01T10:00:00Z', '2024-03-02T10:00:00Z'],
];
const QUERY_KEYS = ['asOf', 'occurredBy', 'channel', 'topic', 'department', 'from', 'to', 'cursor', 'limit'];

/**
 * As Fastify's query-string parser hands it over: its values text or lists of text, on an object whose
 * prototype is an empty object without a prototype (`function Empty() {}; Empty.prototype = Object.create(null)`).
 */
const EMPTY_PROTOTYPE = Object.create(null) as object;
const queryObject = (query: unknown): unknown => Object.assign(Object.create(EMPTY_PROTOTYPE) as object, JSON.parse(JSON.stringify(query)) as object);

/** Query objects for a DTO: each of its parameters with every value, then random combinations (a few unknown keys). */
function queries(keys: readonly string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{}];
  for (const key of [...QUERY_KEYS, 'unknown', 'sort']) for (const value of QUERY_PALETTE) if (value !== undefined) out.push({ [key]: value });
  const random = prng(16);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  for (let i = 0; i < 800; i += 1) {
    const q: Record<string, unknown> = {};
    for (let n = 1 + Math.floor(random() * 4); n > 0; n -= 1) {
      const value = pick(QUERY_PALETTE);
      if (value !== undefined) q[random() < 0.03 ? pick(['unknown', ...QUERY_KEYS]) : pick(keys)] = value;
    }
    out.push(q);
  }
  return out;
}

describe('compiled DTO rules', () => {
  const plain = new ValidationPipe(VALIDATION_OPTIONS);
  const compiled = new CompiledValidationPipe(VALIDATION_OPTIONS, COMPILED_BODIES, COMPILED_QUERIES);

  it('compiles every listed hot DTO from its decorators', () => {
    for (const cls of [...COMPILED_BODIES, ...COMPILED_QUERIES]) expect(CompiledDto.compile(cls)).not.toBeNull();
  });

  it.each([PointInTimeDto, TimelineQueryDto])('answers every query string of %p exactly as class-validator and class-transformer do', async (cls) => {
    const meta: ArgumentMetadata = { type: 'query', metatype: cls, data: undefined };
    const rules = CompiledDto.compile(cls) as CompiledDto;
    let accepted = 0;
    let fastPath = 0;
    let refused = 0;
    for (const query of queries(cls === PointInTimeDto ? ['asOf', 'occurredBy'] : QUERY_KEYS)) {
      const expected = await outcome(plain, query, meta, queryObject);
      const actual = await outcome(compiled, query, meta, queryObject);
      expect({ query, outcome: actual }).toEqual({ query, outcome: expected });
      const fast = rules.accept(queryObject(query));
      if ('accepted' in expected) {
        accepted += 1;
        // A list where one value is expected goes to the full pipe; every other accepted query takes the compiled path.
        if (fast === undefined && Object.values(query).some(Array.isArray)) continue;
        expect({ query, fast }).toEqual({ query, fast: expected.accepted });
        expect(Object.getPrototypeOf(fast)).toBe(cls.prototype);
        fastPath += 1;
      } else {
        refused += 1;
        expect({ query, fast }).toEqual({ query, fast: undefined });
      }
    }
    expect(accepted).toBeGreaterThan(cls === TimelineQueryDto ? 100 : 20);
    expect(fastPath).toBeGreaterThan(accepted * 0.8);
    expect(refused).toBeGreaterThan(200);
  });

  it('leaves an object that inherits anything to the full pipe', () => {
    const rules = CompiledDto.compile(PointInTimeDto) as CompiledDto;
    expect(rules.accept(Object.create({ asOf: '2024-03-01T10:00:00Z' }))).toBeUndefined();
    expect(rules.accept(Object.create(null))).toEqual(new PointInTimeDto());
  });

  it('takes the query objects Fastify itself parses', async () => {
    const rules = CompiledDto.compile(TimelineQueryDto) as CompiledDto;
    const app = fastify();
    app.get('/t', async (req) => ({ compiled: rules.accept(req.query) !== undefined }));
    try {
      for (const [url, compiled] of [['/t', true], ['/t?limit=20&channel=phone', true], ['/t?limit=1&limit=2', false], ['/t?limit=abc', false]] as const) {
        expect({ url, body: (await app.inject(url)).json() }).toEqual({ url, body: { compiled } });
      }
    } finally {
      await app.close();
    }
  });

  it('converts a number in the query string as class-transformer does', () => {
    const rules = CompiledDto.compile(TimelineQueryDto) as CompiledDto;
    expect(rules.accept(queryObject({ limit: '20' }))).toEqual(Object.assign(new TimelineQueryDto(), { limit: 20 }));
    expect(rules.accept(queryObject({ limit: 'x' }))).toBeUndefined();
  });

  it('answers every body exactly as class-validator and class-transformer do: the same instance, or the same field errors', async () => {
    const rules = CompiledDto.compile(RecordInteractionDto) as CompiledDto;
    let accepted = 0;
    let refused = 0;
    let fastPath = 0;
    for (const body of bodies()) {
      const expected = await outcome(plain, body);
      const actual = await outcome(compiled, body);
      expect({ body, outcome: actual }).toEqual({ body, outcome: expected });
      if ('accepted' in expected) {
        accepted += 1;
        // Every valid body takes the compiled path (and returns the instance the pipe would), but for the one
        // shape it leaves to the pipe: an array where a nested object is expected (class-validator accepts `[]`).
        const fast = rules.accept(clone(body));
        if (Array.isArray(body.breakGlass)) {
          expect({ body, fast }).toEqual({ body, fast: undefined });
          continue;
        }
        expect({ body, fast }).toEqual({ body, fast: expected.accepted });
        expect(Object.getPrototypeOf(fast)).toBe(RecordInteractionDto.prototype);
        fastPath += 1;
      } else {
        refused += 1;
        expect({ body, fast: rules.accept(clone(body)) }).toEqual({ body, fast: undefined });
      }
    }
    // The generated bodies exercise both sides.
    expect(accepted).toBeGreaterThan(150);
    expect(fastPath).toBeGreaterThan(accepted * 0.9);
    expect(refused).toBeGreaterThan(1000);
  });

  it('normalises the instant and builds the nested break-glass object as class-transformer does', () => {
    const rules = CompiledDto.compile(RecordInteractionDto) as CompiledDto;
    const dto = rules.accept({ ...VALID, occurredAt: '2024-03-01T12:00:00+02:00' }) as RecordInteractionDto;
    expect(dto.occurredAt).toBe('2024-03-01T10:00:00.000Z');
    expect(dto.breakGlass?.constructor.name).toBe('BreakGlassDto');
  });

  it('leaves a class it cannot reproduce to the full pipe', () => {
    class WithGetter {
      get computed(): string { return 'x'; }
    }
    expect(CompiledDto.compile(WithGetter)).toBeNull();
  });
});
