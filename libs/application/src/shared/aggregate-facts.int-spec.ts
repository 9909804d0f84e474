import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionCommand, interactionDecider, interactionStreamId, PartyCommand, partyDecider, partyStreamId } from '@civic-ledger/domain';
import { SqliteEventStore } from '@civic-ledger/event-store';
import { EncryptingEventStore, LocalKeyWrapper, SqliteKeyVault } from '@civic-ledger/privacy';
import { COLLECTIONS, SqliteReadStore } from '@civic-ledger/read-models';
import { Principal } from '../access/roles';
import { AccessGate } from './access-gate';
import { AccessRecords } from './access-records';
import { AggregateFacts } from './aggregate-facts';
import { BreakGlass } from './break-glass';
import { CommandRunner, WriteContext } from './command-runner';

const NAME = 'Wilhelmina Quarterstaff';
const EMAIL = 'wilhelmina@example.org';
const SUMMARY = 'Discussed rent arrears at Quarterstaff Lane';
const supervisor: Principal = { sub: 'staff-1', role: 'supervisor', departments: ['housing'] };
const ctx: WriteContext = { actor: 'staff-1', principal: supervisor, correlationId: 'corr-1', requestHash: 'h' };

/** One process's view of a ledger on disk: the encrypting store, the runner and the gate as the API wires them. */
function open(dir: string, wrapper: LocalKeyWrapper) {
  const events = new EncryptingEventStore(new SqliteEventStore(join(dir, 'events.sqlite')), new SqliteKeyVault(join(dir, 'keys.sqlite'), wrapper));
  const views = new SqliteReadStore(join(dir, 'views.sqlite'));
  const runner = new CommandRunner(events);
  const facts = new AggregateFacts(events.raw);
  const gate = new AccessGate(facts, views);
  const breakGlass = new BreakGlass(runner, gate, facts, new AccessRecords(events));
  const party = (partyId: string, cmd: (partyId: string) => Pick<PartyCommand, 'type' | 'data'>) => runner.run(
    partyDecider, partyStreamId(partyId), (now) => ({ ...cmd(partyId), metadata: { now, actor: 'staff-1' } }) as PartyCommand, ctx,
    async (decided) => { if (decided.some((e) => e.type === 'PartyErased')) await events.shred(partyId); },
  );
  const close = async () => { await views.close(); await events.close(); };
  return { events, views, runner, facts, gate, breakGlass, party, close };
}

/** Every personal value the scenario wrote, in any form a cache could keep it. */
function plaintextIn(value: unknown): string[] {
  const text = JSON.stringify(value);
  return [NAME, 'Wilhelmina', EMAIL, SUMMARY].filter((p) => text.includes(p));
}

describe('AggregateFacts (encrypting embedded store)', () => {
  let dir: string;
  let wrapper: LocalKeyWrapper;
  let ledger: ReturnType<typeof open>;
  const partyId = randomUUID();
  const interactionId = randomUUID();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cl-facts-'));
    wrapper = new LocalKeyWrapper(randomBytes(32));
    ledger = open(dir, wrapper);
    await ledger.views.ensureCollection(COLLECTIONS.parties, []);
    await ledger.party(partyId, (id) => ({
      type: 'RegisterParty',
      data: { partyId: id, kind: 'person', name: { full: NAME }, department: 'housing', contactPoints: [{ contactPointId: randomUUID(), kind: 'email', value: EMAIL, verified: true }] },
    }));
    const record: Pick<InteractionCommand, 'type' | 'data'> = {
      type: 'RecordInteraction',
      data: {
        interactionId, channel: 'phone', direction: 'inbound', occurredAt: '2024-05-01T09:30:00.000Z', partyIds: [partyId], department: 'housing',
        topics: ['rent'], summary: SUMMARY, knownPartyIds: [partyId],
      },
    };
    await ledger.runner.run(interactionDecider, interactionStreamId(interactionId), (now) => ({ ...record, metadata: { now, actor: 'staff-1' } }) as InteractionCommand, ctx);
  });

  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers what access decisions need and keeps no personal data', async () => {
    expect(await ledger.facts.party(partyId)).toEqual({ status: 'active', partyId, mergedInto: null, departments: ['housing'] });
    expect(await ledger.facts.interaction(interactionId)).toEqual({ status: 'recorded', interactionId, department: 'housing', confidentiality: 'normal' });
    expect(await ledger.facts.party(randomUUID())).toBeNull();
    const cached = [ledger.facts.cached(partyStreamId(partyId)), ledger.facts.cached(interactionStreamId(interactionId))];
    expect(cached.map((c) => c?.revision)).toEqual([1, 0]); // registration with a contact point is two events
    expect(plaintextIn(cached)).toEqual([]);
    // What the decrypting store reads for the same streams does hold the plaintext: the check above can fail.
    expect(plaintextIn([await ledger.events.readStream(partyStreamId(partyId)), await ledger.events.readStream(interactionStreamId(interactionId))]).length).toBe(4);
  });

  it('follows later events of the stream', async () => {
    await ledger.facts.party(partyId);
    await ledger.party(partyId, (id) => ({ type: 'GrantPartyAccess', data: { partyId: id, grantId: randomUUID(), department: 'benefits', reason: 'called about both' } }));
    expect(await ledger.facts.party(partyId)).toMatchObject({ departments: ['benefits', 'housing'] });
    expect(ledger.facts.cached(partyStreamId(partyId))?.revision).toBe(2);
  });

  it('after an erasure holds no plaintext and a new record naming the party is decided on the erased state', async () => {
    expect((await ledger.breakGlass.plan(ctx, 'housing', [partyId])).activePartyIds).toEqual([partyId]);
    await ledger.party(partyId, (id) => ({ type: 'RequestErasure', data: { partyId: id, legalBasis: 'GDPR Art. 17 request by Wilhelmina' } }));
    await ledger.party(partyId, (id) => ({ type: 'CompleteErasure', data: { partyId: id } }));
    expect(await ledger.facts.party(partyId)).toMatchObject({ status: 'erased' });
    expect(plaintextIn([ledger.facts.cached(partyStreamId(partyId)), ledger.facts.cached(interactionStreamId(interactionId))])).toEqual([]);
    expect((await ledger.breakGlass.plan(ctx, 'housing', [partyId])).activePartyIds).toEqual([]);
  });

  it('sees an erasure recorded by another process at the next lookup', async () => {
    expect(await ledger.facts.party(partyId)).toMatchObject({ status: 'active' });
    const other = open(dir, wrapper);
    await other.party(partyId, (id) => ({ type: 'RequestErasure', data: { partyId: id, legalBasis: 'court order' } }));
    await other.party(partyId, (id) => ({ type: 'CompleteErasure', data: { partyId: id } }));
    await other.close();
    expect(await ledger.facts.party(partyId)).toMatchObject({ status: 'erased' });
    await expect(ledger.gate.party(supervisor, 'party.read', partyId)).resolves.toMatchObject({ status: 'erased' });
  });
});
