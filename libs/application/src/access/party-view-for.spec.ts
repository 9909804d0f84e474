import { ContactCell, PartyView, sumContactCells, toCell } from '@civic-ledger/read-models';
import { inScope, readScope } from './access-policy';
import { ownedPartyViewFor, partyViewFor } from './party-view-for';

const last = (at: string, interactionId: string, channel = 'phone') => ({ at, channel, interactionId });

/** A stored party document (with `party-view.v4`'s totals when asked). */
function partyDocument(cells: ContactCell[], withTotals: boolean): PartyView {
  return {
    id: 'p-1', kind: 'person', name: { full: 'Ada Byron' }, sortName: 'ada byron', status: 'active', contactPoints: [{ id: 'cp-1', kind: 'email', value: 'ada@example.org', verified: true, since: '2024-01-01T00:00:00.000Z' }],
    identifiers: [], relationships: [], consents: [], consentHistory: [], mergedInto: null, mergedFrom: [], linkedPartyIds: [], legalHolds: [],
    departments: ['housing', 'waste'], erasure: null,
    openCorrespondence: [
      { id: 'c-1', subject: 'Repairs', status: 'received', dueAt: '2024-03-01T00:00:00.000Z', department: 'housing', receivedAt: '2024-02-01T00:00:00.000Z' },
      { id: 'c-2', subject: 'Bins', status: 'received', dueAt: '2024-03-02T00:00:00.000Z', department: 'waste', receivedAt: '2024-02-02T00:00:00.000Z' },
    ],
    registeredBy: 'housing', accessGrants: [],
    ...(withTotals ? { interactionCounts: { phone: 9, letter: 1 }, lastContact: last('2024-02-09T00:00:00.000Z', 'i-9') } : {}),
    contactCells: cells, revision: 3, registeredAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-02-09T00:00:00.000Z',
  };
}

describe('partyViewFor', () => {
  const cells = [
    toCell({ department: 'housing', confidentiality: 'normal', counts: { phone: 3, letter: 1 }, last: last('2024-02-05T00:00:00.000Z', 'i-5', 'letter') }),
    toCell({ department: 'housing', confidentiality: 'restricted', counts: { phone: 2 }, last: last('2024-02-09T00:00:00.000Z', 'i-9') }),
    toCell({ department: 'waste', confidentiality: 'normal', counts: { phone: 4 }, last: last('2024-02-07T00:00:00.000Z', 'i-7') }),
  ];
  const readers = [
    readScope({ sub: 'a', role: 'clerk', departments: ['housing'] }),
    readScope({ sub: 'b', role: 'supervisor', departments: ['housing'] }),
    readScope({ sub: 'c', role: 'auditor', departments: [] }),
    readScope({ sub: 'd', role: 'caseworker', departments: ['waste', 'housing'] }),
  ];

  it.each([true, false])('answers what rest and spread of the document would, member for member and in order (stored totals: %s)', (withTotals) => {
    for (const scope of readers) {
      const party = partyDocument(cells, withTotals);
      const { contactCells: _cells, ...rest } = party;
      const expected = {
        ...rest,
        openCorrespondence: party.openCorrespondence.filter((c) => inScope(scope, { kind: 'correspondence', department: c.department })),
        ...sumContactCells(cells.filter((c) => inScope(scope, { kind: 'interaction', department: c[0], confidentiality: c[1] }))),
      };
      const shown = partyViewFor(scope, party, cells);
      expect(JSON.stringify(shown)).toBe(JSON.stringify(expected));
      expect(shown).not.toHaveProperty('contactCells');
      expect(party.contactCells).toBe(cells);
    }
  });

  it.each([true, false])('made of a document the caller owns, answers the same JSON as the copy, member for member and in order (stored totals: %s)', (withTotals) => {
    for (const scope of readers) {
      const expected = JSON.stringify(partyViewFor(scope, partyDocument(cells, withTotals), cells));
      const owned = partyDocument(cells, withTotals);
      const shown = ownedPartyViewFor(scope, owned, cells);
      expect(shown).toBe(owned);
      expect(JSON.stringify(shown)).toBe(expected);
      expect(shown.contactCells).toBeUndefined();
    }
  });

  it('made of a document with a member named __proto__, answers the copy (which leaves it out)', () => {
    const parsed = JSON.parse(JSON.stringify(partyDocument(cells, false)).replace('"revision"', '"__proto__":{"isAdmin":true},"revision"')) as PartyView;
    const answer = ownedPartyViewFor(readers[2], parsed, cells) as Record<string, unknown>;
    expect(answer).not.toBe(parsed);
    expect(JSON.stringify(answer)).not.toContain('isAdmin');
    expect(JSON.stringify(answer)).toBe(JSON.stringify(partyViewFor(readers[2], parsed, cells)));
  });

  it('shows the document\'s own members only, and never sets the answer\'s prototype', () => {
    const inherited = Object.create({ inherited: 'not shown' }) as Record<string, unknown>;
    Object.assign(inherited, partyDocument(cells, false));
    const shown = partyViewFor(readers[2], inherited as PartyView, cells);
    expect(shown).not.toHaveProperty('inherited');
    const parsed = JSON.parse(JSON.stringify(partyDocument(cells, false)).replace('"revision"', '"__proto__":{"isAdmin":true},"revision"')) as PartyView;
    const answer = partyViewFor(readers[2], parsed, cells) as Record<string, unknown>;
    expect(Object.getPrototypeOf(answer)).toBe(Object.prototype);
    expect(answer.isAdmin).toBeUndefined();
  });

  it('sums only the cells the reader may see', () => {
    const caseworker = partyViewFor(readScope({ sub: 'e', role: 'caseworker', departments: ['housing'] }), partyDocument(cells, true), cells);
    expect(caseworker).toMatchObject({ interactionCounts: { phone: 3, letter: 1 }, lastContact: last('2024-02-05T00:00:00.000Z', 'i-5', 'letter') });
    expect(caseworker.openCorrespondence.map((c) => c.id)).toEqual(['c-1']);
    const auditor = partyViewFor(readers[2], partyDocument(cells, true), cells);
    expect(auditor).toMatchObject({ interactionCounts: { phone: 9, letter: 1 }, lastContact: last('2024-02-09T00:00:00.000Z', 'i-9') });
  });
});
