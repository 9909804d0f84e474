import { AUDITOR, CLERK, PARTY, partyRegistered, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { RemoveContactPointCommand } from './remove-contact-point.command';

const CONTACT_POINT = '7d1f3c5e-0004-4000-8000-000000000001';
const removal = { partyId: PARTY, contactPointId: CONTACT_POINT, reason: 'bounced' };

describe('RemoveContactPoint', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(
    partyRegistered(PARTY, 'housing'),
    { type: 'ContactPointAdded', data: { partyId: PARTY, contactPointId: CONTACT_POINT, kind: 'email', value: 'ada@example.org', verified: false } },
  ));

  it('removes the contact point', async () => {
    await spec.command(new RemoveContactPointCommand(removal, write(CLERK)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'ContactPointRemoved', data: removal }]);
  });

  it('refuses a role that does not update parties', async () => {
    expect(await spec.refused(() => spec.command(new RemoveContactPointCommand(removal, write(AUDITOR))))).toBe('AUTH.FORBIDDEN');
  });
});
