import { CASEWORKER, CLERK, CORRESPONDENCE, correspondenceReceived, PARTY, partyRegistered, SERVICE, useCaseSpec } from '../../testing/use-case.spec-kit';
import { GetCorrespondenceQuery } from './get-correspondence.query';

describe('GetCorrespondence', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), correspondenceReceived(CORRESPONDENCE, [PARTY])));

  it('shows the case to readers of correspondence of its department', async () => {
    expect(await spec.query(new GetCorrespondenceQuery(CORRESPONDENCE, CASEWORKER))).toMatchObject({ id: CORRESPONDENCE, subject: 'Rent arrears', status: 'received' });
    expect(await spec.query(new GetCorrespondenceQuery(CORRESPONDENCE, SERVICE))).toMatchObject({ id: CORRESPONDENCE });
  });

  it('refuses a role that does not read correspondence', async () => {
    expect(await spec.refused(() => spec.query(new GetCorrespondenceQuery(CORRESPONDENCE, CLERK)))).toBe('AUTH.FORBIDDEN');
  });

  it('answers CORRESPONDENCE.NOT_FOUND for a letter never received', async () => {
    expect(await spec.refused(() => spec.query(new GetCorrespondenceQuery(PARTY, CASEWORKER)))).toBe('CORRESPONDENCE.NOT_FOUND');
  });
});
