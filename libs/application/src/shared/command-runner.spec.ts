import { Decider, DomainEvent } from '@civic-ledger/domain';
import { NewEvent, SqliteEventStore } from '@civic-ledger/event-store';
import { Principal } from '../access/roles';
import { ApplicationError, ApplicationErrorCode } from './application-error';
import { CommandRunner, newId, newRecordId, WriteContext } from './command-runner';

/** A counter: enough of a decider to drive the runner; the real deciders have their own specs. */
type Add = { type: 'Add'; data: { by: number } };
type Added = DomainEvent<'Added', { by: number; total: number }>;
const counter: Decider<Add, Added, number> = {
  initialState: () => 0,
  evolve: (_total, event) => event.data.total,
  // Adding nothing is a no-op: no event.
  decide: (command, total) => (command.data.by === 0 ? [] : [{ type: 'Added', data: { by: command.data.by, total: total + command.data.by } }]),
};
const add = (by: number) => (): Add => ({ type: 'Add', data: { by } });

const STREAM = 'counter-1';
const caseworker: Principal = { sub: 'staff-1', role: 'caseworker', departments: ['housing', 'benefits'] };
const ctx = (extra: Partial<WriteContext> = {}): WriteContext => ({ actor: 'staff-1', principal: caseworker, correlationId: 'corr-1', requestHash: 'hash-a', ...extra });

/** Another writer, appending straight to the store. */
const otherWrite = (total: number): NewEvent => ({
  id: `other-${total}`, type: 'Added', data: { by: 1, total }, occurredAt: '2024-01-01T00:00:00.000Z', actor: 'staff-2', correlationId: 'corr-2', causationId: null, schemaVersion: 1,
});

async function failure(run: Promise<unknown>): Promise<ApplicationErrorCode> {
  const error = await run.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationError);
  return (error as ApplicationError).code;
}

describe('CommandRunner (on the embedded event store)', () => {
  let events: SqliteEventStore;
  let runner: CommandRunner;
  const stream = async () => (await runner.load(STREAM)).map((e) => ({ id: e.id, revision: e.revision, data: e.data }));

  beforeEach(() => {
    events = new SqliteEventStore(':memory:');
    runner = new CommandRunner(events);
  });
  afterEach(() => events.close());

  describe('when the stream is new', () => {
    it('appends the decision as the first events, with the context\'s actor, correlation and business time', async () => {
      const outcome = await runner.run(counter, STREAM, add(2), ctx({ occurredAt: '2024-02-01T10:00:00.000Z' }));
      expect(outcome).toMatchObject({ streamId: STREAM, revision: 0, position: 1, replayed: false });
      const [recorded] = await runner.load(STREAM);
      expect(recorded).toMatchObject({
        id: outcome.eventIds[0], type: 'Added', data: { by: 2, total: 2 }, actor: 'staff-1', correlationId: 'corr-1', occurredAt: '2024-02-01T10:00:00.000Z', revision: 0,
      });
      expect(recorded.idempotency).toBeUndefined();
    });

    it('answers a no-op decision with the stream as it is, appending nothing', async () => {
      const beforeAppend = jest.fn(async () => undefined);
      expect(await runner.run(counter, STREAM, add(0), ctx(), beforeAppend)).toEqual({ streamId: STREAM, revision: -1, position: 0, eventIds: [], replayed: false });
      expect(beforeAppend).not.toHaveBeenCalled();
      expect(await stream()).toEqual([]);
    });
  });

  describe('for a stream whose id was drawn for the command (fresh)', () => {
    it('decides on the initial state without reading the stream, and appends expecting none', async () => {
      const load = jest.spyOn(runner, 'load');
      const outcome = await runner.run(counter, STREAM, add(2), ctx(), undefined, true);
      expect(outcome).toMatchObject({ revision: 0, replayed: false });
      expect(load).not.toHaveBeenCalled();
      expect(await stream()).toEqual([{ id: outcome.eventIds[0], revision: 0, data: { by: 2, total: 2 } }]);
    });

    it('reads the stream and decides again when it does exist after all', async () => {
      await events.append(STREAM, [otherWrite(5)], 'no_stream');
      const outcome = await runner.run(counter, STREAM, add(2), ctx(), undefined, true);
      expect(outcome).toMatchObject({ revision: 1 });
      expect((await stream()).map((e) => e.data)).toEqual([{ by: 1, total: 5 }, { by: 2, total: 7 }]);
    });

    it('reads the stream all the same under an Idempotency-Key, so a retried request is answered as a replay', async () => {
      const first = await runner.run(counter, STREAM, add(2), ctx({ idempotencyKey: 'k-1' }), undefined, true);
      const again = await runner.run(counter, STREAM, add(2), ctx({ idempotencyKey: 'k-1' }), undefined, true);
      expect(again).toEqual({ ...first, replayed: true });
      expect(await stream()).toHaveLength(1);
    });
  });

  describe('when the stream has events', () => {
    beforeEach(async () => {
      await runner.run(counter, STREAM, add(1), ctx());
      await runner.run(counter, STREAM, add(1), ctx());
    });

    it('decides on the folded state and appends at the next revision', async () => {
      const outcome = await runner.run(counter, STREAM, add(5), ctx());
      expect(outcome).toMatchObject({ revision: 2, position: 3 });
      expect((await stream()).map((e) => e.data)).toEqual([{ by: 1, total: 1 }, { by: 1, total: 2 }, { by: 5, total: 7 }]);
      expect(await runner.state(counter, STREAM)).toBe(7);
    });

    it('answers a no-op decision with the current revision and position', async () => {
      expect(await runner.run(counter, STREAM, add(0), ctx())).toEqual({ streamId: STREAM, revision: 1, position: 2, eventIds: [], replayed: false });
    });

    it('retries on a concurrent write, deciding again on the new state; beforeAppend runs once per attempt', async () => {
      let attempts = 0;
      const outcome = await runner.run(counter, STREAM, add(10), ctx(), async (decided) => {
        attempts += 1;
        // First attempt: another writer gets in between the read and the append.
        if (attempts === 1) {
          expect(decided).toEqual([{ type: 'Added', data: { by: 10, total: 12 } }]);
          await events.append(STREAM, [otherWrite(3)], 1);
        } else {
          expect(decided).toEqual([{ type: 'Added', data: { by: 10, total: 13 } }]);
        }
      });
      expect(attempts).toBe(2);
      expect(outcome).toMatchObject({ revision: 3, replayed: false });
      expect((await stream()).map((e) => e.data)).toEqual([{ by: 1, total: 1 }, { by: 1, total: 2 }, { by: 1, total: 3 }, { by: 10, total: 13 }]);
    });

    it('gives up with CONCURRENCY.CONFLICT after five attempts that all lose the race', async () => {
      let attempts = 0;
      const code = await failure(runner.run(counter, STREAM, add(10), ctx(), async () => {
        attempts += 1;
        await events.append(STREAM, [otherWrite(2 + attempts)], attempts);
      }));
      expect(code).toBe('CONCURRENCY.CONFLICT');
      expect(attempts).toBe(5);
      // The two events before, then only the other writer's five.
      expect((await stream()).map((e) => e.data)).toEqual([1, 2, 3, 4, 5, 6, 7].map((total) => ({ by: 1, total })));
    });

    it('refuses a stale If-Match before deciding (CONCURRENCY.PRECONDITION_FAILED, the 412 of HTTP)', async () => {
      const beforeAppend = jest.fn(async () => undefined);
      expect(await failure(runner.run(counter, STREAM, add(5), ctx({ expectedRevision: 0 }), beforeAppend))).toBe('CONCURRENCY.PRECONDITION_FAILED');
      expect(beforeAppend).not.toHaveBeenCalled();
      expect(await stream()).toHaveLength(2);
    });

    it('appends with a current If-Match, and does not retry when a concurrent write makes it stale', async () => {
      expect(await runner.run(counter, STREAM, add(5), ctx({ expectedRevision: 1 }))).toMatchObject({ revision: 2 });
      let attempts = 0;
      const stale = runner.run(counter, STREAM, add(5), ctx({ expectedRevision: 2 }), async () => {
        attempts += 1;
        await events.append(STREAM, [otherWrite(8)], 2);
      });
      const error = await stale.catch((e: unknown) => e as ApplicationError);
      expect(error).toMatchObject({ code: 'CONCURRENCY.PRECONDITION_FAILED', message: expect.stringContaining('"3"') });
      expect(attempts).toBe(1);
    });
  });

  describe('with an Idempotency-Key', () => {
    const keyed = (extra: Partial<WriteContext> = {}) => ctx({ idempotencyKey: 'key-1', ...extra });

    it('answers the same request again with the first outcome, recording it once', async () => {
      const first = await runner.run(counter, STREAM, add(2), keyed());
      const again = await runner.run(counter, STREAM, add(2), keyed());
      expect(again).toEqual({ ...first, replayed: true });
      expect(await stream()).toHaveLength(1);
      expect((await runner.load(STREAM))[0].idempotency).toEqual({ key: 'staff-1|caseworker|benefits,housing|key-1', requestHash: 'hash-a' });
    });

    it('records a same-key request once when both race', async () => {
      const outcomes = await Promise.all([runner.run(counter, STREAM, add(2), keyed()), runner.run(counter, STREAM, add(2), keyed())]);
      expect(outcomes.map((o) => o.replayed).sort()).toEqual([false, true]);
      expect(outcomes[0].eventIds).toEqual(outcomes[1].eventIds);
      expect(await stream()).toHaveLength(1);
    });

    it('refuses the key with another request (IDEMPOTENCY.KEY_REUSED)', async () => {
      await runner.run(counter, STREAM, add(2), keyed());
      expect(await failure(runner.run(counter, STREAM, add(3), keyed({ requestHash: 'hash-b' })))).toBe('IDEMPOTENCY.KEY_REUSED');
      expect(await stream()).toHaveLength(1);
    });

    it('scopes the key by subject, role and departments (in any order)', async () => {
      const first = await runner.run(counter, STREAM, add(2), keyed());
      const reordered = await runner.run(counter, STREAM, add(2), keyed({ principal: { ...caseworker, departments: ['benefits', 'housing'] } }));
      expect(reordered).toEqual({ ...first, replayed: true });
      const otherRole = await runner.run(counter, STREAM, add(2), keyed({ principal: { ...caseworker, role: 'supervisor' } }));
      const otherDepartments = await runner.run(counter, STREAM, add(2), keyed({ principal: { ...caseworker, departments: ['housing'] } }));
      const otherSubject = await runner.run(counter, STREAM, add(2), keyed({ principal: { ...caseworker, sub: 'staff-9' } }));
      expect([otherRole, otherDepartments, otherSubject].map((o) => [o.revision, o.replayed])).toEqual([[1, false], [2, false], [3, false]]);
    });

    it('derives stable event ids and new ids from the scoped key', async () => {
      const first = await runner.run(counter, STREAM, add(2), keyed());
      const otherStream = await runner.run(counter, 'counter-2', add(2), keyed());
      expect(otherStream.eventIds).not.toEqual(first.eventIds);
      const elsewhere = new SqliteEventStore(':memory:');
      expect((await new CommandRunner(elsewhere).run(counter, STREAM, add(2), keyed())).eventIds).toEqual(first.eventIds);
      await elsewhere.close();
      expect(newId(keyed(), 'party')).toBe(newId(keyed(), 'party'));
      expect(newId(keyed(), 'party')).not.toBe(newId(keyed({ principal: { ...caseworker, role: 'clerk' } }), 'party'));
      expect(newId(ctx(), 'party')).not.toBe(newId(ctx(), 'party'));
    });

    it('derives a record id from the key like any id, and without a key draws a new time-ordered one each time', () => {
      expect(newRecordId(keyed(), 'interaction')).toBe(newId(keyed(), 'interaction'));
      const ids = Array.from({ length: 200 }, () => newRecordId(ctx(), 'interaction'));
      expect(new Set(ids).size).toBe(ids.length);
      // Version 7: ids made later sort after earlier ones, so indexes on them grow at their end.
      expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
      expect([...ids].sort()).toEqual(ids);
    });
  });
});
