import { PartyView } from '../views';
import { consentDecision } from './consent';

type Entry = PartyView['consentHistory'][number];
const party = (history: Entry[], extra: Partial<PartyView> = {}) => ({ status: 'active', erasure: null, consentHistory: history, ...extra }) as unknown as PartyView;
const entry = (channel: string, action: 'given' | 'withdrawn', at: string, purpose = 'reminders'): Entry => ({ purpose, channel, action, at, recordedAt: at });

describe('consentDecision', () => {
  const history = [
    entry('any', 'given', '2024-01-01T00:00:00.000Z'),
    entry('sms', 'withdrawn', '2024-03-01T00:00:00.000Z'),
    entry('sms', 'given', '2024-06-01T00:00:00.000Z'),
    entry('email', 'given', '2024-02-01T00:00:00.000Z', 'newsletter'),
  ];

  it.each([
    ['2023-12-31T00:00:00.000Z', 'sms', false, 'no-consent'],
    ['2024-02-01T00:00:00.000Z', 'sms', true, 'any'],
    ['2024-04-01T00:00:00.000Z', 'sms', false, 'sms'],
    ['2024-04-01T00:00:00.000Z', 'letter', true, 'any'],
    ['2024-07-01T00:00:00.000Z', 'sms', true, 'sms'],
  ])('at %s by %s: allowed %s (decided by %s)', (at, channel, allowed, by) => {
    const decision = consentDecision(party(history), 'reminders', channel, at);
    expect(decision.allowed).toBe(allowed);
    if (by === 'no-consent') expect(decision.basis).toEqual({ kind: 'no-consent' });
    else expect(decision.basis).toMatchObject({ kind: 'consent', channel: by });
  });

  it('keeps purposes apart and says no for erased or merged parties', () => {
    expect(consentDecision(party(history), 'newsletter', 'sms', '2025-01-01T00:00:00.000Z').allowed).toBe(false);
    expect(consentDecision(party(history), 'newsletter', 'email', '2025-01-01T00:00:00.000Z').allowed).toBe(true);
    expect(consentDecision(party(history, { status: 'erased' }), 'reminders', 'sms', '2025-01-01T00:00:00.000Z').basis).toEqual({ kind: 'party-erased' });
    expect(consentDecision(party(history, { status: 'merged' }), 'reminders', 'sms', '2025-01-01T00:00:00.000Z').basis).toEqual({ kind: 'party-merged' });
  });
});
