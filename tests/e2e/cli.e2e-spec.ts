import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { eventHash, SqliteEventStore } from '@civic-ledger/event-store';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { loadConfig } from '@civic-ledger/config';
import { RecordedEvent } from '@civic-ledger/event-store';
import { createEventStore } from '@civic-ledger/composition';
import { storeVariants } from './support/test-app';

const run = promisify(execFile);
/** A test that only applies to some store variants (the others have their own version of it). */
const itWhen = (applies: boolean): jest.It => (applies ? it : ((() => undefined) as unknown as jest.It));
const MAIN = join(__dirname, '..', '..', 'bin', 'civic-ledger');

/** The civic-ledger command as operators and auditors use it, on a seeded data directory. */
describe.each(storeVariants())('civic-ledger CLI (%s)', (variant, storeEnv) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-cli-'));
  const mongo = storeEnv.READ_STORE === 'mongo';
  const esdb = storeEnv.EVENT_STORE === 'esdb';
  /** The ledger as the configured event store holds it (read through the same adapter the CLI uses). */
  const ledger = async (): Promise<RecordedEvent[]> => {
    const store = createEventStore(loadConfig({ ...storeEnv, DATA_DIR: dataDir }));
    try {
      return await store.readAll({ limit: 1_000_000 });
    } finally {
      await store.close();
    }
  };
  const cli = async (...args: string[]) => run(process.execPath, [MAIN, ...args], { env: { ...process.env, ...storeEnv, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, maxBuffer: 64 * 1024 * 1024 });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  let partyId: string;

  it(`seeds realistic demo data with a summary (${variant})`, async () => {
    const { stdout } = await cli('seed', '--parties', '40', '--interactions', '400', '--json');
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ parties: 40, interactions: 400, correspondence: 40 });
    expect(summary.lastPosition).toBeGreaterThan(480);
  });

  it('verifies every chain and reports JSON for machines', async () => {
    const report = JSON.parse((await cli('verify', '--json')).stdout);
    expect(report).toMatchObject({ ok: true, breaks: [] });
    expect(report.eventTypes.InteractionRecorded).toBe(400);
    expect(report.eventTypes.PartyRegistered).toBe(40);
  });

  it('exports and replays a party', async () => {
    partyId = (await ledger()).find((e) => e.type === 'PartyRegistered')?.data.partyId as string;
    const exported = (await cli('export', partyId)).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(exported[0]).toMatchObject({ type: 'PartyRegistered', streamId: `party-${partyId}` });
    const replay = JSON.parse((await cli('replay', partyId, '--as-of', new Date().toISOString(), '--json', '--limit', '5')).stdout);
    expect(replay.party.id).toBe(partyId);
    expect(replay.events).toBe(exported.length);
    // As an answer shows a party to a reader who sees every contact: counts summed from its cells, never the cells.
    const recorded = exported.filter((e) => e.type === 'InteractionRecorded').length;
    expect(recorded).toBeGreaterThan(0);
    expect(Object.values(replay.party.interactionCounts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(recorded);
    expect(replay.party).not.toHaveProperty('contactCells');
    const before = await cli('replay', partyId, '--as-of', '2000-01-01T00:00:00Z').catch((e: { code: number; stderr: string }) => e);
    expect(before).toMatchObject({ code: 1, stderr: expect.stringContaining('was not known as of') });
    // Both reads are in the access ledger, under the operating-system account that ran them.
    type Look = { partyId: string; actor: string; role: string; endpoint: string };
    const looks = (await ledger()).filter((e) => e.type === 'PartyRecordsAccessed').flatMap((e) => e.data.accesses as Look[]).filter((a) => a.partyId === partyId);
    // Demo staff who first dealt with the party for another department broke the glass; the CLI's reads follow.
    const reads = looks.filter((a) => a.endpoint !== 'break-glass');
    expect(reads.map((a) => [a.actor.startsWith('cli:'), a.role, a.endpoint])).toEqual([[true, 'operator', 'cli-export'], [true, 'operator', 'cli-replay']]);
  });

  it('signs checkpoints and writes party bundles that verify offline, naming any tampering', async () => {
    const checkpoint = JSON.parse((await cli('checkpoint', '--json')).stdout);
    expect(checkpoint).toMatchObject({ algorithm: 'Ed25519', rootHash: expect.stringMatching(/^[a-f0-9]{64}$/) });
    const bundle = join(dataDir, 'bundle');
    const made = await cli('export', partyId, '--bundle', bundle);
    expect(made.stdout).toContain('verify-bundle');
    // Offline: no DATA_DIR, no stores.
    const ok = JSON.parse((await run(process.execPath, [MAIN, 'verify-bundle', bundle, '--json'], { env: { PATH: process.env.PATH } })).stdout);
    expect(ok).toMatchObject({ ok: true, partyId, problems: [] });
    const file = join(bundle, 'events.ndjson');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"revision":0', '"revision":7'));
    const bad = await run(process.execPath, [MAIN, 'verify-bundle', bundle]).catch((e: { code: number; stdout: string }) => e);
    expect(bad).toMatchObject({ code: 1, stdout: expect.stringContaining('events.ndjson was altered') });
    const report = JSON.parse((await cli('verify', '--json')).stdout);
    expect(report.checkpoints).toEqual({ checked: 1, failures: [] });
    await cli('seed', '--parties', '2', '--interactions', '3', '--json');
    const second = JSON.parse((await cli('checkpoint', '--json')).stdout);
    const fifth = (await ledger())[4].position;
    const inclusion = JSON.parse((await cli('prove', '--position', String(fifth), '--json')).stdout);
    expect(inclusion).toMatchObject({ position: fifth, leafIndex: 4, treeSize: second.treeSize, valid: true });
    const consistency = JSON.parse((await cli('prove', '--consistency', String(checkpoint.treeSize), String(second.treeSize), '--json')).stdout);
    expect(consistency).toMatchObject({ first: checkpoint.treeSize, second: second.treeSize, valid: true });
  });

  it('rebuilds read models identical to the live ones and swaps them in, keeping the old set', async () => {
    const result = JSON.parse((await cli('rebuild', '--json', '--threads', '1')).stdout);
    expect(result).toMatchObject({ identicalToLive: true, differences: [], swapped: true, threads: 1 });
    if (mongo) expect(result).toMatchObject({ previous: 'rm_', rebuilt: expect.stringMatching(/^rs_\d+__$/) });
    else expect(existsSync(join(dataDir, result.previous))).toBe(true);
    // The switched-in set serves: replays and a second rebuild read from it.
    expect(JSON.parse((await cli('replay', partyId, '--json')).stdout).party.id).toBe(partyId);
    // Projected in worker threads, each with its share of the projections, written into the new set by the command's thread.
    const again = JSON.parse((await cli('rebuild', '--json', '--no-swap', '--threads', '3')).stdout);
    expect(again).toMatchObject({ identicalToLive: true, threads: 3 });
    // Set files keep their names (a running server may have one open); the pointer names the live one.
    if (!mongo) expect(readdirSync(dataDir).filter((f) => f.startsWith('read-models.rebuild-')).sort()).toEqual([result.rebuilt, again.rebuilt].sort());
    // Housekeeping: the previous set and the unswapped one are listed, and can be dropped; the live one cannot.
    const sets = JSON.parse((await cli('read-models', 'list', '--json')).stdout) as { name: string; live: boolean }[];
    expect(sets.filter((s) => s.live)).toHaveLength(1);
    expect(sets.map((s) => s.name)).toEqual(expect.arrayContaining([result.previous, again.rebuilt]));
    await cli('read-models', 'drop', result.previous);
    const live = sets.find((s) => s.live)?.name as string;
    expect(live).toBe(result.rebuilt);
    await expect(cli('read-models', 'drop', live)).rejects.toMatchObject({ code: 1 });
    const after = JSON.parse((await cli('read-models', 'list', '--json')).stdout) as { name: string }[];
    expect(after.map((s) => s.name)).not.toContain(result.previous);
  });

  itWhen(esdb)('names the stream and revision of an event forged into EventStoreDB behind civic-ledger\'s back', async () => {
    const victim = (await ledger()).filter((e) => e.type === 'InteractionRecorded')[7];
    // EventStoreDB never changes a stored event, so a forger with write access appends instead: a copy
    // of the event's envelope with other content, claiming to continue the chain.
    const raw = EventStoreDBClient.connectionString(storeEnv.EVENTSTORE_URL);
    const [last] = (await ledger()).filter((e) => e.streamId === victim.streamId).slice(-1);
    await raw.appendToStream(victim.streamId, jsonEvent({
      type: 'InteractionAmended', data: { ...victim.data, summary: 'nothing happened' },
      metadata: { occurredAt: last.occurredAt, recordedAt: last.recordedAt, actor: last.actor, $correlationId: last.correlationId, $causationId: null, schemaVersion: 1, prevHash: last.hash, hash: last.hash },
    }));
    await raw.dispose();
    const failed = await cli('verify').catch((e: { code: number; stdout: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stdout: string }).stdout).toContain(`hash-mismatch in ${victim.streamId} at revision ${last.revision + 1}`);
  });

  itWhen(!esdb)('names the stream and revision where the store file was edited behind its back', async () => {
    const db = new Database(join(dataDir, 'events.sqlite'));
    const victim = db.prepare(`SELECT stream_id, revision, data FROM events WHERE type = 'InteractionRecorded' LIMIT 1 OFFSET 7`).get() as { stream_id: string; revision: number; data: string };
    db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?').run(victim.data.replace(/"department":"[^"]*"/, '"department":"nowhere"'), victim.stream_id, victim.revision);
    db.close();
    const failed = await cli('verify').catch((e: { code: number; stdout: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stdout: string }).stdout).toContain(`TAMPERED`);
    expect((failed as { stdout: string }).stdout).toContain(`hash-mismatch in ${victim.stream_id} at revision ${victim.revision}`);
    // A careful forger also rewrites the hash (the stream's head is its last event): every chain checks out again,
    // but the signed checkpoint's Merkle root no longer matches the ledger.
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    const [edited] = await store.readStream(victim.stream_id, { fromRevision: victim.revision, limit: 1 });
    await store.close();
    const rehashed = eventHash(edited);
    const raw = new Database(join(dataDir, 'events.sqlite'));
    raw.prepare('UPDATE events SET hash = ? WHERE stream_id = ? AND revision = ?').run(rehashed, victim.stream_id, victim.revision);
    raw.close();
    const forged = await cli('verify').catch((e: { code: number; stdout: string }) => e);
    expect(forged).toMatchObject({ code: 1 });
    expect((forged as { stdout: string }).stdout).not.toContain('hash-mismatch');
    expect((forged as { stdout: string }).stdout).toMatch(/checkpoint over \d+ events: root-mismatch/);
  });

  it('explains bad configuration and exits with code 2', async () => {
    const failed = await run(process.execPath, [MAIN, 'verify'], { env: { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'oracle' } }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('EVENT_STORE must be one of sqlite, esdb') });
  });
});
