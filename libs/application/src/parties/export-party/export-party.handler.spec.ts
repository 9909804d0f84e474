import { AUDITOR, CLERK, interactionRecorded, PARTY, partyRegistered, PRIVACY_OFFICER, useCaseSpec } from '../../testing/use-case.spec-kit';
import { ExportPartyQuery } from './export-party.query';

const SENSITIVE_CALL = '7d1f3c5e-0002-4000-8000-000000000002';

describe('ExportParty', () => {
  const spec = useCaseSpec();
  const exported = async (principal: typeof CLERK) => (await spec.query(new ExportPartyQuery(PARTY, principal))).map((e) => e.streamId);
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), interactionRecorded(SENSITIVE_CALL, [PARTY], { confidentiality: 'sensitive' })));

  it("exports the party's record in ledger order, as far as the reader may see it", async () => {
    expect(await exported(AUDITOR)).toEqual([`party-${PARTY}`, `interaction-${SENSITIVE_CALL}`]);
    expect(await exported(PRIVACY_OFFICER)).toEqual([`party-${PARTY}`]);
  });

  it('refuses a role that does not export', async () => {
    expect(await spec.refused(() => spec.query(new ExportPartyQuery(PARTY, CLERK)))).toBe('AUTH.FORBIDDEN');
  });
});
