import { BENEFITS_CLERK, CLERK, interactionRecorded, PARTY, partyRegistered, SUPERVISOR, UNKNOWN_PARTY, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { ChangePartyNameCommand } from '../change-party-name/change-party-name.command';
import { GetPartyQuery } from './get-party.query';

const LIVE = {};
const SENSITIVE_CALL = '7d1f3c5e-0002-4000-8000-000000000002';

describe('GetParty', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(
    partyRegistered(PARTY, 'housing'),
    interactionRecorded('7d1f3c5e-0002-4000-8000-000000000001', [PARTY]),
    interactionRecorded(SENSITIVE_CALL, [PARTY], { confidentiality: 'sensitive' }),
  ));

  it('shows the live party, its contacts counted in the reader\'s scope (a clerk does not count sensitive ones)', async () => {
    expect(await spec.query(new GetPartyQuery(PARTY, LIVE, CLERK))).toMatchObject({ id: PARTY, name: { full: 'Ada Lovelace' }, departments: ['housing'], interactionCounts: { phone: 1 } });
    expect(await spec.query(new GetPartyQuery(PARTY, LIVE, SUPERVISOR))).toMatchObject({ interactionCounts: { phone: 2 } });
  });

  it('refuses staff of a department that does not see the party', async () => {
    expect(await spec.refused(() => spec.query(new GetPartyQuery(PARTY, LIVE, BENEFITS_CLERK)))).toBe('AUTH.FORBIDDEN');
  });

  it('answers PARTY.NOT_FOUND for a party never registered', async () => {
    expect(await spec.refused(() => spec.query(new GetPartyQuery(UNKNOWN_PARTY, LIVE, CLERK)))).toBe('PARTY.NOT_FOUND');
  });

  describe('at a past instant', () => {
    beforeEach(() => spec.command(new ChangePartyNameCommand({ partyId: PARTY, name: { full: 'Ada King' } }, write(CLERK))));

    it('replays the party as it was then', async () => {
      expect(await spec.query(new GetPartyQuery(PARTY, { occurredBy: '2024-06-01T00:00:00.000Z' }, SUPERVISOR))).toMatchObject({ name: { full: 'Ada Lovelace' } });
      expect(await spec.query(new GetPartyQuery(PARTY, LIVE, SUPERVISOR))).toMatchObject({ name: { full: 'Ada King' } });
    });

    it('refuses a role that does not replay', async () => {
      expect(await spec.refused(() => spec.query(new GetPartyQuery(PARTY, { occurredBy: '2024-06-01T00:00:00.000Z' }, CLERK)))).toBe('AUTH.FORBIDDEN');
    });

    it('answers PARTY.NOT_FOUND before the party existed', async () => {
      expect(await spec.refused(() => spec.query(new GetPartyQuery(PARTY, { occurredBy: '2024-01-01T00:00:00.000Z' }, SUPERVISOR)))).toBe('PARTY.NOT_FOUND');
    });
  });
});
