import { AUDITOR, BENEFITS_CLERK, CLERK, PARTY, partyRegistered, UNKNOWN_PARTY, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { ChangePartyNameCommand } from './change-party-name.command';

const renamed = { partyId: PARTY, name: { full: 'Ada King' }, reason: 'marriage' };

describe('ChangePartyName', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('records the new name of a party the department sees', async () => {
    await spec.command(new ChangePartyNameCommand(renamed, write(CLERK)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'PartyNameChanged', data: renamed }]);
  });

  it('refuses staff of a department that does not see the party', async () => {
    expect(await spec.refused(() => spec.command(new ChangePartyNameCommand(renamed, write(BENEFITS_CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('refuses a role that does not update parties', async () => {
    expect(await spec.refused(() => spec.command(new ChangePartyNameCommand(renamed, write(AUDITOR))))).toBe('AUTH.FORBIDDEN');
  });

  it('answers PARTY.NOT_FOUND for a party never registered', async () => {
    expect(await spec.refused(() => spec.command(new ChangePartyNameCommand({ ...renamed, partyId: UNKNOWN_PARTY }, write(CLERK))))).toBe('PARTY.NOT_FOUND');
  });
});
