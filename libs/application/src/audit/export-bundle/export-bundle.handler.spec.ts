import { randomUUID } from 'node:crypto';
import { CheckpointSigner, verifyBundleDocument } from '@civic-ledger/audit';
import { PartyEvent, partyStreamId } from '@civic-ledger/domain';
import { SqliteEventStore } from '@civic-ledger/event-store';
import { catchUpViews, MemoryReadStore } from '@civic-ledger/read-models';
import { AccessDenied } from '../../access/access-policy';
import { Principal } from '../../access/roles';
import { ExportBundleHandler } from './export-bundle.handler';
import { ExportBundleQuery } from './export-bundle.query';

const auditor: Principal = { sub: 'aud-1', role: 'auditor', departments: [] };

describe('ExportBundleHandler (embedded event store, projected read store)', () => {
  const partyId = randomUUID();
  let events: SqliteEventStore;
  let handler: ExportBundleHandler;

  beforeAll(async () => {
    events = new SqliteEventStore(':memory:');
    const views = new MemoryReadStore();
    const evts: PartyEvent[] = [
      { type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full: 'Ada Byron' }, department: 'housing' } } as PartyEvent,
      { type: 'ContactPointAdded', data: { partyId, contactPointId: 'cp-1', kind: 'email', value: 'ada@example.org', verified: false } },
    ];
    await events.append(partyStreamId(partyId), evts.map((e) => ({
      id: randomUUID(), type: e.type, data: e.data, occurredAt: '2024-03-01T09:00:00.000Z', actor: 'staff-1', correlationId: randomUUID(), causationId: null, schemaVersion: 1,
    })), 'any');
    await catchUpViews(events, views, await events.headPosition());
    handler = new ExportBundleHandler(views, events, CheckpointSigner.fromPem(CheckpointSigner.generatePem()));
  });

  it('gives an auditor the bundle as one document that verifies offline, signing a checkpoint when none covers it', async () => {
    const { document, result } = await handler.execute(new ExportBundleQuery(partyId, null, auditor));
    expect(result).toMatchObject({ events: 2, createdCheckpoint: true });
    expect(Object.keys(document.files).sort()).toEqual(['checkpoint.json', 'events.ndjson', 'manifest.json', 'proofs.json', 'public-key.pem']);
    expect(verifyBundleDocument(JSON.stringify(document))).toEqual({ ok: true, partyId, events: 2, problems: [] });
    const again = await handler.execute(new ExportBundleQuery(partyId, null, auditor));
    expect(again.result.createdCheckpoint).toBe(false);
  });

  it('fails verification when an event is edited in the document', async () => {
    const { document } = await handler.execute(new ExportBundleQuery(partyId, null, auditor));
    const tampered = { ...document, files: { ...document.files, 'events.ndjson': document.files['events.ndjson'].replace('"revision":1', '"revision":2') } };
    expect(verifyBundleDocument(JSON.stringify(tampered)).ok).toBe(false);
  });

  it('refuses every role but the auditor, and answers an unknown party as not found', async () => {
    for (const role of ['privacy-officer', 'supervisor', 'service'] as const) {
      await expect(handler.execute(new ExportBundleQuery(partyId, null, { sub: 'x', role, departments: ['housing'] }))).rejects.toThrow(AccessDenied);
    }
    await expect(handler.execute(new ExportBundleQuery(randomUUID(), null, auditor))).rejects.toMatchObject({ code: 'PARTY.NOT_FOUND' });
  });
});
