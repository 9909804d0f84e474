import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@civic-ledger/event-store';
import { EncryptingEventStore, LocalKeyWrapper, SqliteKeyVault } from '@civic-ledger/privacy';
import { newEvent } from '../../event-store/src/event-store.contract';
import { EventPublisher, OutboundMessage } from './event-publisher.port';
import { Relay } from './relay';

/** The relay over the real encrypting event store (embedded SQLite), with a publisher that records what it was given. */
describe('Relay and erasure', () => {
  let dir: string;
  let events: EncryptingEventStore;
  let relay: Relay | null = null;
  const sent: OutboundMessage[][] = [];
  const publisher: EventPublisher = { ensureTopics: async () => undefined, publish: async (messages) => { sent.push([...messages]); }, close: async () => undefined };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-relay-'));
    events = new EncryptingEventStore(new SqliteEventStore(join(dir, 'events.sqlite')), new SqliteKeyVault(join(dir, 'keys.sqlite'), new LocalKeyWrapper(randomBytes(32))));
    sent.length = 0;
  });
  afterEach(async () => {
    await relay?.stop();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never sends data it decrypted before the party was erased: it re-reads the batch from its checkpoint', async () => {
    const partyId = randomUUID();
    await events.append(`party-${partyId}`, [
      newEvent('PartyRegistered', { partyId, kind: 'person', name: { full: 'Philippa Plaintext' } }),
      newEvent('ContactPointAdded', { partyId, contactPointId: randomUUID(), kind: 'email', value: 'philippa@plain.example', verified: false }),
      newEvent('IdentifierAdded', { partyId, scheme: 'client-number', value: 'PP-4411' }),
    ], 'no_stream');
    const interactionId = randomUUID();
    await events.append(`interaction-${interactionId}`, [newEvent('InteractionRecorded', {
      interactionId, partyIds: [partyId], channel: 'phone', direction: 'inbound', occurredAt: '2024-03-01T10:00:00.000Z', staffId: 'staff-1',
      department: 'housing', topics: ['rent'], summary: 'Philippa asked about arrears', outcome: 'advised', confidentiality: 'normal',
    })], 'no_stream');
    const checks: string[][] = [];
    const errors: string[] = [];
    relay = new Relay(events, publisher, { load: async () => 0, save: async () => undefined }, {
      onError: (error) => errors.push(error instanceof Error ? error.name : 'Error'),
      // The erasure completes after the batch was read (decrypted) and before it is sent.
      erasedAmong: async (partyIds) => {
        checks.push([...partyIds]);
        if (checks.length === 1) await events.shred(partyId);
        return events.erasedAmong(partyIds);
      },
    });
    await relay.init();
    relay.start();
    expect(await relay.waitFor(await events.headPosition(), 30_000)).toBe(true);

    expect(checks[0]).toEqual([partyId]);
    expect(errors).toEqual(['ErasedWhileRelaying']);
    const published = JSON.stringify(sent);
    for (const plaintext of ['Philippa', 'philippa@plain.example', 'PP-4411', 'arrears', 'advised', '[erased]']) expect(published).not.toContain(plaintext);
    const types = sent.flat().map((m) => m.headers.ce_type);
    expect(types).toEqual(expect.arrayContaining(['civic-ledger.PartyRegistered.v2', 'civic-ledger.PartyProfile.v2', 'civic-ledger.InteractionRecorded.v2']));
    expect(sent.flat().filter((m) => m.headers.ce_type === 'civic-ledger.PartyProfile.v2').map((m) => JSON.parse(m.value as string).status)).toEqual(['erased', 'erased', 'erased']);
  });

  it('sends without re-reading when no party in the batch was erased', async () => {
    const partyId = randomUUID();
    await events.append(`party-${partyId}`, [newEvent('PartyRegistered', { partyId, kind: 'person', name: { full: 'Kept Person' } })], 'no_stream');
    let checks = 0;
    relay = new Relay(events, publisher, { load: async () => 0, save: async () => undefined }, { erasedAmong: async (ids) => { checks += 1; return events.erasedAmong(ids); } });
    await relay.init();
    relay.start();
    expect(await relay.waitFor(await events.headPosition(), 30_000)).toBe(true);
    expect(checks).toBe(1);
    expect(JSON.stringify(sent)).toContain('Kept Person');
  });
});
