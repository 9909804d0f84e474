import { ledgerLeaves, verifyInclusion } from '@civic-ledger/audit';
import { EventStore } from '@civic-ledger/event-store';
import { STORED_EVENTS } from '../../shared/ports';
import { AUDITOR, OTHER_PARTY, PARTY, SUPERVISOR, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { SignCheckpointCommand } from '../sign-checkpoint/sign-checkpoint.command';
import { InclusionProofQuery } from './get-inclusion-proof.query';

describe('InclusionProof', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), partyRegistered(OTHER_PARTY, 'housing')));

  it('proves that the event at a position is in the latest signed checkpoint', async () => {
    await spec.command(new SignCheckpointCommand(AUDITOR));
    const answer = await spec.query(new InclusionProofQuery(AUDITOR, 2));
    const { leaves } = await ledgerLeaves(spec.get<EventStore>(STORED_EVENTS));
    const proof = answer.proof.map((h) => Buffer.from(h, 'hex'));
    expect(verifyInclusion(leaves[answer.leafIndex], answer.leafIndex, answer.treeSize, proof, Buffer.from(answer.rootHash, 'hex'))).toBe(true);
  });

  it('answers VALIDATION.FAILED without a signed checkpoint, or for a position it does not cover', async () => {
    expect(await spec.refused(() => spec.query(new InclusionProofQuery(AUDITOR, 1)))).toBe('VALIDATION.FAILED');
    await spec.command(new SignCheckpointCommand(AUDITOR));
    expect(await spec.refused(() => spec.query(new InclusionProofQuery(AUDITOR, 99)))).toBe('VALIDATION.FAILED');
  });

  it('is refused to a role the policy does not give proofs', async () => {
    await spec.command(new SignCheckpointCommand(AUDITOR));
    expect(await spec.refused(() => spec.query(new InclusionProofQuery(SUPERVISOR, 1)))).toBe('AUTH.FORBIDDEN');
  });
});
