import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { accessLogStreamId, checkpointStreamId, EVENT_DATA_SCHEMAS, LEDGER_CHECKPOINT_SIGNED, PARTY_RECORDS_ACCESSED } from '@civic-ledger/domain';
import { RecordedEvent, SqliteEventStore } from '@civic-ledger/event-store';
import { AccessLog } from './access-log';
import { CheckpointSigner, createCheckpoint } from './checkpoints';

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validateAccess = ajv.compile(EVENT_DATA_SCHEMAS.PartyRecordsAccessed);
const validateCheckpoint = ajv.compile(EVENT_DATA_SCHEMAS.LedgerCheckpointSigned);

/** The two events the ledger records about itself, as libs/audit appends them, against their schemas in libs/domain. */
describe('audit events as recorded', () => {
  let dir: string;
  let events: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-audit-events-'));
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PartyRecordsAccessed: one batch per day stream, each look with its reader, matching its schema', async () => {
    const log = new AccessLog(events, { flushMs: 60_000 });
    const at = new Date('2024-06-01T10:00:00.000Z');
    log.record({ partyId: 'p-1', actor: 'staff-7', role: 'supervisor', endpoint: 'view', purpose: 'case 12', correlationId: 'c-1', at });
    log.record({ partyId: 'p-2', actor: 'cli:auditor', role: 'auditor', endpoint: 'export', at: new Date('2024-06-01T10:00:01.000Z') });
    await log.flush();
    const [batch] = await events.readStream(accessLogStreamId(at));
    expect(batch).toMatchObject({ type: PARTY_RECORDS_ACCESSED, streamId: 'access-log-2024-06-01' });
    expect((batch.data as { accesses: unknown[] }).accesses).toHaveLength(2);
    const valid = validateAccess(batch.data);
    expect(validateAccess.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('LedgerCheckpointSigned: in the checkpoint stream, matching its schema', async () => {
    const log = new AccessLog(events);
    log.record({ partyId: 'p-1', actor: 'staff-7', role: 'supervisor', endpoint: 'view', at: new Date('2024-06-01T10:00:00.000Z') });
    await log.flush();
    await createCheckpoint(events, CheckpointSigner.fromPem(CheckpointSigner.generatePem()), new Date('2024-06-01T12:00:00.000Z'));
    const [checkpoint]: RecordedEvent[] = await events.readStream(checkpointStreamId());
    expect(checkpoint).toMatchObject({ type: LEDGER_CHECKPOINT_SIGNED, streamId: 'ledger-checkpoints', data: { treeSize: 1 } });
    const valid = validateCheckpoint(checkpoint.data);
    expect(validateCheckpoint.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});
