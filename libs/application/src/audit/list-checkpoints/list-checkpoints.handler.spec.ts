import { PARTY, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { SignCheckpointCommand } from '../sign-checkpoint/sign-checkpoint.command';
import { ListCheckpointsQuery } from './list-checkpoints.query';

describe('ListCheckpoints', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('lists every signed checkpoint, oldest first', async () => {
    expect(await spec.query(new ListCheckpointsQuery())).toEqual([]);
    const first = await spec.command(new SignCheckpointCommand());
    const second = await spec.command(new SignCheckpointCommand());
    expect(await spec.query(new ListCheckpointsQuery())).toEqual([first, second]);
  });
});
