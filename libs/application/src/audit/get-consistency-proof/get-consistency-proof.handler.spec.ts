import { verifyConsistency } from '@civic-ledger/audit';
import { AUDITOR, CLERK, OTHER_PARTY, PARTY, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { SignCheckpointCommand } from '../sign-checkpoint/sign-checkpoint.command';
import { ConsistencyProofQuery } from './get-consistency-proof.query';

describe('ConsistencyProof', () => {
  const spec = useCaseSpec();
  beforeEach(async () => {
    await spec.given(partyRegistered(PARTY, 'housing'));
    await spec.command(new SignCheckpointCommand(AUDITOR));
    await spec.given(partyRegistered(OTHER_PARTY, 'housing'));
    await spec.command(new SignCheckpointCommand(AUDITOR));
  });

  it('proves that the later checkpoint extends the earlier one', async () => {
    const answer = await spec.query(new ConsistencyProofQuery(AUDITOR, 1, 3));
    const proof = answer.proof.map((h) => Buffer.from(h, 'hex'));
    expect(verifyConsistency(1, 3, Buffer.from(answer.firstRootHash, 'hex'), Buffer.from(answer.secondRootHash, 'hex'), proof)).toBe(true);
  });

  it('answers VALIDATION.FAILED for sizes in the wrong order or without a checkpoint', async () => {
    expect(await spec.refused(() => spec.query(new ConsistencyProofQuery(AUDITOR, 3, 1)))).toBe('VALIDATION.FAILED');
    expect(await spec.refused(() => spec.query(new ConsistencyProofQuery(AUDITOR, 1, 2)))).toBe('VALIDATION.FAILED');
  });

  it('is refused to a role the policy does not give proofs', async () => {
    expect(await spec.refused(() => spec.query(new ConsistencyProofQuery(CLERK, 1, 1)))).toBe('AUTH.FORBIDDEN');
  });
});
