import { AUDITOR, CLERK, PARTY, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { SignCheckpointCommand } from '../sign-checkpoint/sign-checkpoint.command';
import { ListCheckpointsQuery } from './list-checkpoints.query';

describe('ListCheckpoints', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('lists every signed checkpoint, oldest first', async () => {
    expect(await spec.query(new ListCheckpointsQuery(AUDITOR))).toEqual([]);
    const first = await spec.command(new SignCheckpointCommand(AUDITOR));
    const second = await spec.command(new SignCheckpointCommand(AUDITOR));
    expect(await spec.query(new ListCheckpointsQuery(AUDITOR))).toEqual([first, second]);
  });

  it('is refused to a role the policy does not let list checkpoints', async () => {
    expect(await spec.refused(() => spec.query(new ListCheckpointsQuery(CLERK)))).toBe('AUTH.FORBIDDEN');
  });
});
