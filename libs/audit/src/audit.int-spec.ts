import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { interactionStreamId, partyStreamId } from '@civic-ledger/domain';
import { NewEvent, SqliteEventStore } from '@civic-ledger/event-store';
import { LEDGER_PROJECTIONS, Projector, SqliteReadStore, VIEWS_CHECKPOINT } from '@civic-ledger/read-models';
import { verifyBundle } from './bundle';
import { CheckpointSigner, createCheckpoint, ledgerLeaves, listCheckpoints, verifyCheckpoints } from './checkpoints';
import { consistencyProof, treeHead, verifyConsistency } from './merkle';
import { exportPartyBundle } from './party-bundle';
import { verifyChains } from './verify-chains';

const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  id: randomUUID(), type, data, occurredAt: '2024-02-01T10:00:00.000Z', actor: 'staff-1', correlationId: randomUUID(), causationId: null, schemaVersion: 1,
});

describe('auditors\' toolkit', () => {
  let dir: string;
  let events: SqliteEventStore;
  let views: SqliteReadStore;
  const signer = CheckpointSigner.fromPem(CheckpointSigner.generatePem());
  const partyId = randomUUID();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cl-audit-'));
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
    views = new SqliteReadStore(join(dir, 'views.sqlite'));
    await events.append(partyStreamId(partyId), [event('PartyRegistered', { partyId, kind: 'person', name: { full: 'Ada Audit' } })], 'no_stream');
    for (let i = 0; i < 6; i += 1) {
      const interactionId = randomUUID();
      await events.append(interactionStreamId(interactionId), [event('InteractionRecorded', {
        interactionId, channel: 'phone', direction: 'inbound', occurredAt: '2024-01-01T09:00:00.000Z', partyIds: [partyId], department: 'housing', topics: [], summary: `call ${i}`, confidentiality: 'normal',
      })], 'no_stream');
      await events.append(partyStreamId(randomUUID()), [event('PartyRegistered', { partyId: randomUUID(), kind: 'person', name: { full: 'Someone Else' } })], 'no_stream');
    }
    const projector = new Projector(events, views, { legacyCheckpoint: VIEWS_CHECKPOINT, projections: LEDGER_PROJECTIONS });
    await projector.init();
    projector.start();
    await projector.waitFor(await events.headPosition(), 5000);
    await projector.stop();
  });
  afterEach(async () => {
    await views.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs checkpoints as ledger events and proves that a later one extends an earlier one', async () => {
    const first = await createCheckpoint(events, signer, new Date('2024-03-01T00:00:00Z'));
    await events.append(partyStreamId(partyId), [event('PartyNameChanged', { partyId, name: { full: 'Ada Audit-Smith' } })], 0);
    const second = await createCheckpoint(events, signer, new Date('2024-03-02T00:00:00Z'));
    expect(await listCheckpoints(events)).toEqual([first, second]);
    expect(second.treeSize).toBe(first.treeSize + 2); // the first checkpoint event and the name change
    const { leaves } = await ledgerLeaves(events);
    const proof = consistencyProof(leaves, first.treeSize, second.treeSize);
    expect(verifyConsistency(first.treeSize, second.treeSize, Buffer.from(first.rootHash, 'hex'), Buffer.from(second.rootHash, 'hex'), proof)).toBe(true);
    expect(treeHead(leaves, first.treeSize).toString('hex')).toBe(first.rootHash);
    expect(await verifyCheckpoints(events, signer.publicKeyPem)).toEqual({ checked: 2, failures: [] });
  });

  it('detects a checkpoint whose events were edited in the database afterwards', async () => {
    await createCheckpoint(events, signer, new Date('2024-03-01T00:00:00Z'));
    await events.close();
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare(`UPDATE events SET hash = ? WHERE position = 3`).run('f'.repeat(64));
    db.close();
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
    expect((await verifyCheckpoints(events, signer.publicKeyPem)).failures).toEqual([{ treeSize: 13, problem: 'root-mismatch' }]);
    const other = CheckpointSigner.fromPem(CheckpointSigner.generatePem());
    expect((await verifyCheckpoints(events, other.publicKeyPem)).failures[0].problem).toBe('signature-invalid');
  });

  it('names the stream where an event was deleted from the database', async () => {
    await events.append(partyStreamId(partyId), [event('PartyNameChanged', { partyId, name: { full: 'Ada Two' } }), event('PartyNameChanged', { partyId, name: { full: 'Ada Three' } })], 0);
    await events.close();
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(partyStreamId(partyId));
    db.close();
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
    const report = await verifyChains(events);
    expect(report.ok).toBe(false);
    expect(report.breaks).toEqual([expect.objectContaining({ kind: 'revision-gap', streamId: partyStreamId(partyId), expectedRevision: 1, foundRevision: 2 })]);
  });

  describe('export bundle', () => {
    let bundle: string;
    beforeEach(async () => {
      bundle = join(dir, 'bundle');
      await events.append(partyStreamId(partyId), [event('PartyNameChanged', { partyId, name: { full: 'Ada Audit-Smith' } })], 0);
      const result = await exportPartyBundle(events, views, signer, partyId, null, bundle, new Date('2024-03-01T00:00:00Z'));
      expect(result).toMatchObject({ events: 8, createdCheckpoint: true });
    });

    const lines = () => readFileSync(join(bundle, 'events.ndjson'), 'utf8').trim().split('\n');
    /** An attacker who also fixes the manifest, so only the cryptography can catch it. */
    const rewrite = (newLines: string[]) => {
      const text = newLines.join('\n') + '\n';
      writeFileSync(join(bundle, 'events.ndjson'), text);
      const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
      manifest.files['events.ndjson'] = createHash('sha256').update(text).digest('hex');
      writeFileSync(join(bundle, 'manifest.json'), JSON.stringify(manifest));
    };

    it('verifies offline', () => {
      expect(verifyBundle(bundle)).toEqual({ ok: true, partyId, events: 8, problems: [] });
    });

    it('names an edited event', () => {
      const all = lines();
      const edited = JSON.parse(all[3]);
      edited.data.summary = 'nothing happened';
      all[3] = JSON.stringify(edited);
      rewrite(all);
      const report = verifyBundle(bundle);
      expect(report.ok).toBe(false);
      expect(report.problems).toContain(`event ${edited.id} (stream ${edited.streamId}, revision 0) was edited: its content does not match its hash`);
    });

    it('names a dropped event, and a file changed behind the manifest', () => {
      const all = lines();
      const registered = JSON.parse(all[0]);
      writeFileSync(join(bundle, 'events.ndjson'), all.slice(1).join('\n') + '\n');
      expect(verifyBundle(bundle).problems).toContain('events.ndjson was altered after the bundle was made (its SHA-256 differs from the manifest)');
      rewrite(all.slice(1));
      expect(verifyBundle(bundle).problems).toContain(`stream ${registered.streamId}: expected revision 0, found 1 (an event is missing or reordered)`);
    });

    it('names reordered events', () => {
      const all = lines();
      rewrite([all[0], all[2], all[1], ...all.slice(3)]);
      const report = verifyBundle(bundle);
      expect(report.ok).toBe(false);
      expect(report.problems.some((p) => p.includes('out of order at line 3'))).toBe(true);
    });

    it('names a forged event that is not in the signed ledger', () => {
      const all = lines();
      const forged = JSON.parse(all[1]);
      forged.id = randomUUID();
      rewrite([...all, JSON.stringify({ ...forged, position: 999 })]);
      const report = verifyBundle(bundle);
      expect(report.problems).toContain(`event ${forged.id} (stream ${forged.streamId}, revision 0) has no inclusion proof`);
    });
  });
});
