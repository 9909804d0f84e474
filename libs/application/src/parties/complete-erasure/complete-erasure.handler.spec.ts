import { PARTY, partyRegistered, PRIVACY_OFFICER, SUPERVISOR, useCaseSpec, write } from '../../testing/use-case.spec-kit';
import { CompleteErasureCommand } from './complete-erasure.command';

const LEGAL_BASIS = 'GDPR Art. 17';

describe('CompleteErasure', () => {
  const spec = useCaseSpec();
  const registeredName = async () => (await spec.events.readStream(`party-${PARTY}`))[0].data.name;
  beforeEach(() => spec.given(partyRegistered(PARTY, 'housing'), { type: 'ErasureRequested', data: { partyId: PARTY, legalBasis: LEGAL_BASIS } }));

  it("destroys the party's key, then records the erasure: its personal fields read as erased", async () => {
    expect(await registeredName()).toEqual({ full: 'Ada Lovelace' });
    await spec.command(new CompleteErasureCommand({ partyId: PARTY }, write(PRIVACY_OFFICER)));
    expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'PartyErased', data: { partyId: PARTY, legalBasis: LEGAL_BASIS } }]);
    expect(await registeredName()).not.toEqual({ full: 'Ada Lovelace' });
  });

  it('refuses anyone but the privacy officer, and keeps the key', async () => {
    expect(await spec.refused(() => spec.command(new CompleteErasureCommand({ partyId: PARTY }, write(SUPERVISOR))))).toBe('AUTH.FORBIDDEN');
    expect(await registeredName()).toEqual({ full: 'Ada Lovelace' });
  });

  it('answers PARTY.LEGAL_HOLD_ACTIVE under a legal hold, and keeps the key', async () => {
    await spec.given({ type: 'LegalHoldPlaced', data: { partyId: PARTY, holdId: '7d1f3c5e-0006-4000-8000-000000000001', reason: 'litigation' } });
    expect(await spec.refused(() => spec.command(new CompleteErasureCommand({ partyId: PARTY }, write(PRIVACY_OFFICER))))).toBe('PARTY.LEGAL_HOLD_ACTIVE');
    expect(await registeredName()).toEqual({ full: 'Ada Lovelace' });
  });
});
