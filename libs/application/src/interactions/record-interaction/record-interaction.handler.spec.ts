import {
  AUDITOR, CLERK, INTERACTION, interactionRecorded, OTHER_PARTY, PARTY, partyRegistered, UNKNOWN_PARTY, useCaseSpec, write,
} from '../../testing/use-case.spec-kit';
import { RecordInteractionCommand } from './record-interaction.command';

const call = interactionRecorded(INTERACTION, [PARTY]).data;
const withOther = { ...call, partyIds: [PARTY, OTHER_PARTY] };

describe('RecordInteraction', () => {
  const spec = useCaseSpec();
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), partyRegistered(OTHER_PARTY, 'benefits')));

  it('records the contact at the time it happened', async () => {
    await spec.command(new RecordInteractionCommand(call, write(CLERK)));
    expect(await spec.appended()).toEqual([{ streamId: `interaction-${INTERACTION}`, type: 'InteractionRecorded', data: call }]);
    expect((await spec.events.readStream(`interaction-${INTERACTION}`))[0].occurredAt).toBe(call.occurredAt);
  });

  it('refuses a role that does not record contacts', async () => {
    expect(await spec.refused(() => spec.command(new RecordInteractionCommand(call, write(AUDITOR))))).toBe('AUTH.FORBIDDEN');
  });

  it('refuses to record for another department, or above the level the role reads', async () => {
    expect(await spec.refused(() => spec.command(new RecordInteractionCommand({ ...call, department: 'benefits' }, write(CLERK))))).toBe('AUTH.FORBIDDEN');
    expect(await spec.refused(() => spec.command(new RecordInteractionCommand({ ...call, confidentiality: 'sensitive' }, write(CLERK))))).toBe('AUTH.FORBIDDEN');
  });

  it('answers INTERACTION.UNKNOWN_PARTY for a party never registered', async () => {
    expect(await spec.refused(() => spec.command(new RecordInteractionCommand({ ...call, partyIds: [UNKNOWN_PARTY] }, write(CLERK))))).toBe('INTERACTION.UNKNOWN_PARTY');
  });

  describe('naming a party held by another department', () => {
    it('needs the glass broken (AUTH.BREAK_GLASS_REQUIRED), and grants nothing', async () => {
      expect(await spec.refused(() => spec.command(new RecordInteractionCommand(withOther, write(CLERK))))).toBe('AUTH.BREAK_GLASS_REQUIRED');
    });

    it('with a reason: grants the department the party, records the contact and the grant in the access ledger', async () => {
      await spec.command(new RecordInteractionCommand(withOther, write(CLERK, { breakGlassReason: 'she called about her rent' })));
      const appended = await spec.appended();
      expect(appended.map((e) => e.type).sort()).toEqual(['InteractionRecorded', 'PartyAccessGranted', 'PartyRecordsAccessed']);
      expect(appended).toContainEqual({
        streamId: `party-${OTHER_PARTY}`, type: 'PartyAccessGranted',
        data: expect.objectContaining({ partyId: OTHER_PARTY, department: 'housing', reason: 'she called about her rent' }),
      });
      expect(appended).toContainEqual(expect.objectContaining({
        type: 'PartyRecordsAccessed', data: { accesses: [expect.objectContaining({ partyId: OTHER_PARTY, actor: CLERK.sub, endpoint: 'break-glass' })] },
      }));
    });
  });
});
