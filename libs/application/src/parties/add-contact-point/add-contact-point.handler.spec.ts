import { BENEFITS_CLERK, CLERK, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { AddContactPointCommand } from './add-contact-point.command';

const email = { partyId: PARTY, contactPointId: '7d1f3c5e-0004-4000-8000-000000000001', kind: 'email' as const, value: 'ada@example.org', verified: false };

describe('AddContactPoint', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('adds the contact point to a party the department sees', async () => {
    await spec.command(new AddContactPointCommand(email, write(CLERK)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'ContactPointAdded', data: email }]);
  });

  it('refuses staff of a department that does not see the party', async () => {
    expect(await spec.refused(() => spec.command(new AddContactPointCommand(email, write(BENEFITS_CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('answers PARTY.CONTACT_POINT_EXISTS for a value the party already has', async () => {
    await spec.given({ type: 'ContactPointAdded', data: { ...email, contactPointId: '7d1f3c5e-0004-4000-8000-000000000002' } });
    expect(await spec.refused(() => spec.command(new AddContactPointCommand(email, write(CLERK))))).toBe('PARTY.CONTACT_POINT_EXISTS');
  });
});
