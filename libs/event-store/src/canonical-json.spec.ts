import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { canonicalJson } from './canonical-json';
import { eventHash, GENESIS_HASH } from './hash-chain';

describe('canonicalJson', () => {
  const samples: unknown[] = [
    null, true, 0, -0, 1.5e-7, 1e21, 123456789012345680000, 'plain', 'é\u2028"\\\n\u0001😀', [], {}, [undefined, null, 1],
    { b: 1, a: 2, A: 3, _: 4, '': 5, é: 6, '\u00ff': 7, '😀': 8, z: undefined },
    { nested: { z: [1, { y: 'x', x: [{}] }], a: null }, date: new Date('2024-05-01T09:30:00.000Z') },
    {
      id: 'e1', type: 'InteractionRecorded', revision: 3, causationId: null, idempotency: { key: 'k', requestHash: 'h' },
      data: { partyIds: ['p', 'q'], summary: { $sealed: 'aes-256-gcm', k: 'abc', iv: 'AAAA', ct: 'B'.repeat(200) }, satisfaction: 4 },
    },
  ];

  it.each(samples.map((s) => [JSON.stringify(s) ?? String(s), s]))('writes %s exactly as the canonicalize package does', (_label, sample) => {
    expect(canonicalJson(sample)).toBe(canonicalize(sample));
  });

  it('sorts any number of keys as the package does (few keys by insertion, many by the built-in sort)', () => {
    const alphabet = ['a', 'B', '_', 'é', '\u00ff', '😀', '\ud800', '1', '10', '2', ' ', '$'];
    for (const size of [0, 1, 2, 5, 23, 24, 25, 60]) {
      const record: Record<string, number> = {};
      for (let i = 0; i < size; i += 1) record[`${alphabet[(i * 7) % alphabet.length]}${alphabet[(i * 5 + 3) % alphabet.length]}${i % 3 ? '' : i}`] = i;
      expect(canonicalJson(record)).toBe(canonicalize(record));
    }
  });

  it('sorts keys by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, '\u00e9': 4 })).toBe('{"B":2,"a":3,"b":1,"é":4}');
  });
});

describe('eventHash', () => {
  const base = {
    id: 'e1', type: 'InteractionRecorded', streamId: 'interaction-1', revision: 3, occurredAt: '2024-05-01T09:30:00.000Z', recordedAt: '2024-05-01T09:31:00.000Z',
    actor: 'staff-1', correlationId: 'c-1', causationId: null, schemaVersion: 1, prevHash: GENESIS_HASH,
    data: { partyIds: ['p'], summary: { $sealed: 'aes-256-gcm', k: 'p', iv: 'AAAA', ct: 'BBBB' }, topics: [], satisfaction: 4 },
  };
  /** The formula the chain was defined with: SHA-256 of the canonicalize package's output for the envelope. */
  const reference = (e: Parameters<typeof eventHash>[0]) => createHash('sha256').update(canonicalize({
    id: e.id, type: e.type, streamId: e.streamId, revision: e.revision, occurredAt: e.occurredAt, recordedAt: e.recordedAt, actor: e.actor,
    correlationId: e.correlationId, causationId: e.causationId, schemaVersion: e.schemaVersion, idempotency: e.idempotency ?? null, data: e.data, prevHash: e.prevHash,
  }) as string).digest('hex');

  it.each([
    ['a plain event', base],
    ['an idempotent event with a causation', { ...base, causationId: 'e0', idempotency: { key: 'k', requestHash: 'h' } }],
    ['an event with empty data', { ...base, data: {} }],
  ])('hashes %s exactly as the canonicalize package would', (_label, event) => {
    expect(eventHash(event)).toBe(reference(event));
  });
});
