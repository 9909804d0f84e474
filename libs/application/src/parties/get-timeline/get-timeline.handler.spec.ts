import { BENEFITS_CLERK, CLERK, interactionRecorded, PARTY, partyRegistered, PRIVACY_OFFICER, SUPERVISOR, useCaseSpec } from '../../testing/use-case.spec-kit';
import { GetTimelineQuery } from './get-timeline.query';

const CALL = '7d1f3c5e-0002-4000-8000-000000000001';
const SENSITIVE_CALL = '7d1f3c5e-0002-4000-8000-000000000002';
const timeline = (principal: typeof CLERK, at = {}) => new GetTimelineQuery(PARTY, {}, 50, undefined, at, principal);

describe('GetTimeline', () => {
  const spec = useCaseSpec();
  const contacts = async (principal: typeof CLERK) => (await spec.query(timeline(principal))).items.filter((e) => e.kind === 'interaction').map((e) => e.refId).sort();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), interactionRecorded(CALL, [PARTY]), interactionRecorded(SENSITIVE_CALL, [PARTY], { confidentiality: 'sensitive' })));

  it("lists the party's contacts in the reader's scope", async () => {
    expect(await contacts(CLERK)).toEqual([CALL]);
    expect(await contacts(SUPERVISOR)).toEqual([CALL, SENSITIVE_CALL]);
  });

  it('refuses staff of a department that does not see the party', async () => {
    expect(await spec.refused(() => spec.query(timeline(BENEFITS_CLERK)))).toBe('AUTH.FORBIDDEN');
  });

  it('refuses a role that does not read timelines', async () => {
    expect(await spec.refused(() => spec.query(timeline(PRIVACY_OFFICER)))).toBe('AUTH.FORBIDDEN');
  });

  it('replays the timeline as known at a past instant', async () => {
    expect((await spec.query(timeline(SUPERVISOR, { occurredBy: '2024-06-01T00:00:00.000Z' }))).items.length).toBeGreaterThan(0);
    expect(await spec.refused(() => spec.query(timeline(SUPERVISOR, { occurredBy: '2024-01-01T00:00:00.000Z' })))).toBe('PARTY.NOT_FOUND');
  });
});
