import { CheckpointSigner, createCheckpoint } from '@civic-ledger/audit';
import { EventStore } from '@civic-ledger/event-store';
import { STORED_EVENTS } from '../../shared/ports';
import { AUDITOR, CLERK, PARTY, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { SignCheckpointCommand } from '../sign-checkpoint/sign-checkpoint.command';
import { VerifyLedgerQuery } from './verify-ledger.query';

describe('VerifyLedger', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('finds every chain intact and every checkpoint signed by the ledger key', async () => {
    await spec.command(new SignCheckpointCommand(AUDITOR));
    expect(await spec.query(new VerifyLedgerQuery(AUDITOR))).toMatchObject({ ok: true, checkpoints: { checked: 1, failures: [] } });
  });

  it('fails on a checkpoint signed by another key', async () => {
    await createCheckpoint(spec.get<EventStore>(STORED_EVENTS), CheckpointSigner.fromPem(CheckpointSigner.generatePem()), new Date());
    const report = await spec.query(new VerifyLedgerQuery(AUDITOR));
    expect(report.ok).toBe(false);
    expect(report.checkpoints.failures).toHaveLength(1);
  });

  it('is refused to a role the policy does not let verify the ledger', async () => {
    expect(await spec.refused(() => spec.query(new VerifyLedgerQuery(CLERK)))).toBe('AUTH.FORBIDDEN');
  });
});
