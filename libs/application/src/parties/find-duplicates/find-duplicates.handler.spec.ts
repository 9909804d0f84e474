import { randomUUID } from 'node:crypto';
import { PartyEvent, partyStreamId } from '@civic-ledger/domain';
import { SqliteEventStore } from '@civic-ledger/event-store';
import { catchUpViews, MemoryReadStore } from '@civic-ledger/read-models';
import { AccessDenied } from '../../access/access-policy';
import { Principal } from '../../access/roles';
import { FindDuplicatesHandler } from './find-duplicates.handler';
import { FindDuplicatesQuery } from './find-duplicates.query';

const supervisor = (departments: string[]): Principal => ({ sub: 'sup-1', role: 'supervisor', departments });

describe('FindDuplicatesHandler (ledger events projected into a read store)', () => {
  let events: SqliteEventStore;
  let views: MemoryReadStore;
  let handler: FindDuplicatesHandler;

  async function record(partyId: string, ...evts: PartyEvent[]): Promise<void> {
    await events.append(partyStreamId(partyId), evts.map((e) => ({
      id: randomUUID(), type: e.type, data: e.data, occurredAt: '2024-03-01T09:00:00.000Z', actor: 'staff-1', correlationId: randomUUID(), causationId: null, schemaVersion: 1,
    })), 'any');
  }

  async function party(partyId: string, name: string, department: string, email: string, identifier?: string): Promise<void> {
    await record(partyId,
      { type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full: name }, department } } as PartyEvent,
      { type: 'ContactPointAdded', data: { partyId, contactPointId: `cp-${partyId}`, kind: 'email', value: email, verified: false } },
      ...(identifier ? [{ type: 'IdentifierAdded', data: { partyId, scheme: 'client-number', value: identifier } } as PartyEvent] : []));
  }

  beforeEach(async () => {
    events = new SqliteEventStore(':memory:');
    views = new MemoryReadStore();
    handler = new FindDuplicatesHandler(views);
    await party('p-1', 'Ada Byron', 'housing', 'ada@example.org', 'CN-1001');
    await party('p-2', 'Ada Lovelace', 'housing', 'ada@example.org', 'cn-10 01');
    await party('p-3', 'Ada King', 'waste', 'ada@example.org');
    await party('p-4', 'Bob Other', 'housing', 'bob@example.org');
    await catchUpViews(events, views, await events.headPosition());
  });

  it('lists keys shared by parties the supervisor sees, with masked hints and names', async () => {
    const page = await handler.execute(new FindDuplicatesQuery(supervisor(['housing']), 50));
    expect(page).toEqual({ nextCursor: null, items: [
      { key: 'email', hint: 'a•••@example.org', parties: [{ id: 'p-1', displayName: 'Ada Byron' }, { id: 'p-2', displayName: 'Ada Lovelace' }] },
      { key: 'identifier', hint: 'client-number ••••01', parties: [{ id: 'p-1', displayName: 'Ada Byron' }, { id: 'p-2', displayName: 'Ada Lovelace' }] },
    ] });
  });

  it('leaves out what a supervisor of another department may not see, and keys with one visible party', async () => {
    expect((await handler.execute(new FindDuplicatesQuery(supervisor(['waste']), 50))).items).toEqual([]);
    const both = await handler.execute(new FindDuplicatesQuery(supervisor(['housing', 'waste']), 50));
    expect(both.items[0].parties.map((p) => p.id)).toEqual(['p-1', 'p-2', 'p-3']);
  });

  it('pages with a cursor, and refuses roles that may not merge', async () => {
    const first = await handler.execute(new FindDuplicatesQuery(supervisor(['housing']), 1));
    expect(first.items.map((c) => c.key)).toEqual(['email']);
    const second = await handler.execute(new FindDuplicatesQuery(supervisor(['housing']), 1, first.nextCursor ?? undefined));
    expect(second.items.map((c) => c.key)).toEqual(['identifier']);
    await expect(handler.execute(new FindDuplicatesQuery({ sub: 'c-1', role: 'caseworker', departments: ['housing'] }, 50))).rejects.toThrow(AccessDenied);
  });
});
