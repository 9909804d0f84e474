import { PARTY, partyRegistered, PRIVACY_OFFICER, SUPERVISOR, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { RequestErasureCommand } from './request-erasure.command';

const request = { partyId: PARTY, legalBasis: 'GDPR Art. 17' };

describe('RequestErasure', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));

  it('records the request', async () => {
    await spec.command(new RequestErasureCommand(request, write(PRIVACY_OFFICER)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'ErasureRequested', data: request }]);
  });

  it('refuses anyone but the privacy officer', async () => {
    expect(await spec.refused(() => spec.command(new RequestErasureCommand(request, write(SUPERVISOR))))).toBe('AUTH.FORBIDDEN');
  });
});
