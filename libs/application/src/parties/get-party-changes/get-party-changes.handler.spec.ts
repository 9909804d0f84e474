import { CLERK, PARTY, partyRegistered, SUPERVISOR, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { ChangePartyNameCommand } from '../change-party-name/change-party-name.command';
import { PartyChangesQuery } from './get-party-changes.query';

const EPOCH = '2000-01-01T00:00:00.000Z';
const FAR_FUTURE = '2999-01-01T00:00:00.000Z';

describe('PartyChanges', () => {
  const spec = useCaseSpec();
  beforeEach(async () => {
    await spec.given(partyRegistered(PARTY, 'housing'));
    await spec.command(new ChangePartyNameCommand({ partyId: PARTY, name: { full: 'Ada King' } }, write(CLERK)));
  });

  it('lists the events between two instants and how the view changed', async () => {
    const changes = await spec.query(new PartyChangesQuery(PARTY, EPOCH, FAR_FUTURE, SUPERVISOR));
    expect(changes).toMatchObject({ existedAtFrom: false, events: [{ type: 'PartyRegistered' }, { type: 'PartyNameChanged' }] });
    expect(changes.view).toContainEqual({ path: 'name', before: null, after: { full: 'Ada King' } });
  });

  it('refuses a role that does not replay', async () => {
    expect(await spec.refused(() => spec.query(new PartyChangesQuery(PARTY, EPOCH, FAR_FUTURE, CLERK)))).toBe('AUTH.FORBIDDEN');
  });

  it('answers PARTY.NOT_FOUND when the party did not exist yet at the end', async () => {
    expect(await spec.refused(() => spec.query(new PartyChangesQuery(PARTY, EPOCH, '2001-01-01T00:00:00.000Z', SUPERVISOR)))).toBe('PARTY.NOT_FOUND');
  });
});
