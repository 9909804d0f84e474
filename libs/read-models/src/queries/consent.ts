import { PartyView } from '../views';

export interface ConsentDecision {
  readonly allowed: boolean;
  readonly purpose: string;
  readonly channel: string;
  /** The instant asked about (business time). */
  readonly at: string;
  /** Why: the consent event that decides it, or the reason there is none. */
  readonly basis:
    | { readonly kind: 'consent'; readonly action: 'given' | 'withdrawn'; readonly channel: string; readonly at: string; readonly recordedAt: string }
    | { readonly kind: 'no-consent' | 'party-erased' | 'party-merged' };
}

/**
 * May we contact this party for `purpose` on `channel` at instant `at`? Decided from the consent
 * history as it had occurred by then: the latest consent event for that purpose and either that
 * channel or `any` (so a withdrawal for SMS overrides an earlier consent for any channel, and a later
 * consent for SMS overrides an earlier general withdrawal). No consent on record means no.
 */
export function consentDecision(party: PartyView, purpose: string, channel: string, at: string): ConsentDecision {
  const base = { purpose, channel, at };
  if (party.status === 'erased' || party.erasure?.erasedAt) return { ...base, allowed: false, basis: { kind: 'party-erased' } };
  if (party.status === 'merged') return { ...base, allowed: false, basis: { kind: 'party-merged' } };
  const relevant = party.consentHistory
    .filter((c) => c.purpose === purpose && (c.channel === channel || c.channel === 'any') && c.at <= at)
    .sort((a, b) => (a.at === b.at ? (a.recordedAt < b.recordedAt ? -1 : 1) : a.at < b.at ? -1 : 1));
  const decisive = relevant[relevant.length - 1];
  if (!decisive) return { ...base, allowed: false, basis: { kind: 'no-consent' } };
  return { ...base, allowed: decisive.action === 'given', basis: { kind: 'consent', action: decisive.action, channel: decisive.channel, at: decisive.at, recordedAt: decisive.recordedAt } };
}
