import { BENEFITS_CLERK, CLERK, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { AddIdentifierCommand } from './add-identifier.command';

const clientNumber = { partyId: PARTY, scheme: 'client-number', value: 'C-1' };

describe('AddIdentifier', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('adds the identifier', async () => {
    await spec.command(new AddIdentifierCommand(clientNumber, write(CLERK)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'IdentifierAdded', data: clientNumber }]);
  });

  it('refuses staff of a department that does not see the party', async () => {
    expect(await spec.refused(() => spec.command(new AddIdentifierCommand(clientNumber, write(BENEFITS_CLERK))))).toBe('AUTH.FORBIDDEN');
  });
});
