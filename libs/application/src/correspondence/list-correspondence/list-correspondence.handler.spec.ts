import { AUDITOR, CASEWORKER, CLERK, CORRESPONDENCE, correspondenceReceived, PARTY, partyRegistered, useCaseSpec } from '../../testing/use-case.spec-kit';
import { ListCorrespondenceQuery } from './list-correspondence.query';

const BENEFITS_LETTER = '7d1f3c5e-0003-4000-8000-000000000002';

describe('ListCorrespondence', () => {
  const spec = useCaseSpec();
  const listed = async (principal: typeof CLERK) => (await spec.query(new ListCorrespondenceQuery({ limit: 50 }, principal))).items.map((c) => c.id).sort();
  beforeEach(() => spec.given(
    partyRegistered(PARTY, 'housing'), correspondenceReceived(CORRESPONDENCE, [PARTY]), correspondenceReceived(BENEFITS_LETTER, [PARTY], { department: 'benefits' }),
  ));

  it("lists the cases of the reader's departments (all of them for a body-wide role)", async () => {
    expect(await listed(CASEWORKER)).toEqual([CORRESPONDENCE]);
    expect(await listed(AUDITOR)).toEqual([CORRESPONDENCE, BENEFITS_LETTER]);
  });

  it('refuses a role that does not read correspondence', async () => {
    expect(await spec.refused(() => spec.query(new ListCorrespondenceQuery({ limit: 50 }, CLERK)))).toBe('AUTH.FORBIDDEN');
  });
});
