import { AUDITOR, PARTY, SERVICE, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { SignCheckpointCommand } from './sign-checkpoint.command';

describe('SignCheckpoint', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), { type: 'PartyNameChanged', data: { partyId: PARTY, name: { full: 'Ada King' } } }));

  it('signs the Merkle root of the whole ledger and records the checkpoint as a ledger event', async () => {
    const checkpoint = await spec.command(new SignCheckpointCommand(AUDITOR));
    expect(checkpoint).toMatchObject({ treeSize: 2, position: 2 });
    expect(await spec.appended()).toEqual([expect.objectContaining({ type: 'LedgerCheckpointSigned', data: expect.objectContaining({ rootHash: checkpoint.rootHash, treeSize: 2 }) })]);
  });

  it('is refused to a role the policy does not let sign checkpoints', async () => {
    expect(await spec.refused(() => spec.command(new SignCheckpointCommand(SERVICE)))).toBe('AUTH.FORBIDDEN');
  });
});
