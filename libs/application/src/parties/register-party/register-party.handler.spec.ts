import { AUDITOR, CLERK, PARTY, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { RegisterPartyCommand } from './register-party.command';

const ada = { partyId: PARTY, kind: 'person' as const, name: { full: 'Ada Lovelace' }, department: 'housing', identifiers: [{ scheme: 'client-number', value: 'C-1' }] };

describe('RegisterParty', () => {
  const spec = useCaseSpec();

  it('registers the party for the department, with its identifiers, on a new stream', async () => {
    const outcome = await spec.command(new RegisterPartyCommand(ada, write(CLERK)));
    expect(outcome).toMatchObject({ streamId: `party-${PARTY}`, revision: 1, replayed: false });
    expect(await spec.appended()).toMatchObject([
      { type: 'PartyRegistered', data: { partyId: PARTY, kind: 'person', name: { full: 'Ada Lovelace' }, department: 'housing' } },
      { type: 'IdentifierAdded', data: { partyId: PARTY, scheme: 'client-number', value: 'C-1' } },
    ]);
  });

  it('refuses a role that does not register parties', async () => {
    expect(await spec.refused(() => spec.command(new RegisterPartyCommand(ada, write(AUDITOR))))).toBe('AUTH.FORBIDDEN');
  });

  it('refuses to register for a department the principal does not work for', async () => {
    expect(await spec.refused(() => spec.command(new RegisterPartyCommand({ ...ada, department: 'benefits' }, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('answers PARTY.ALREADY_REGISTERED for an id in use', async () => {
    await spec.given({ type: 'PartyRegistered', data: { partyId: PARTY, kind: 'person', name: { full: 'Someone Else' }, department: 'housing' } });
    expect(await spec.refused(() => spec.command(new RegisterPartyCommand(ada, write(CLERK))))).toBe('PARTY.ALREADY_REGISTERED');
  });
});
