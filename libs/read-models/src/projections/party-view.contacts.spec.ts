import { InteractionEvent, PartyEvent } from '@civic-ledger/domain';
import { cellsOf, contactCells, sumContactCells, toCell } from '../contact-cells';
import { COLLECTIONS, ContactCell, LegacyContactCell, PartyView } from '../views';
import { PLACES } from './party-view.contacts';
import { given, interactionRecorded, project, SpecLedger } from './projection.spec-kit';

const P = COLLECTIONS.parties;
const at = SpecLedger.timeOf;
const day = (d: number) => `2024-02-${String(d).padStart(2, '0')}T10:00:00.000Z`;

const registered = (partyId: string, department = 'housing'): PartyEvent => ({
  type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full: `Person ${partyId}` }, department },
});
const amended = (interactionId: string, partyIds: string[], changes: { department?: string; occurredAt?: string; topics?: string[] }): InteractionEvent => ({
  type: 'InteractionAmended', data: { interactionId, partyIds, changes, previous: {}, reason: 'corrected' },
});
const classified = (interactionId: string, partyIds: string[], level: 'normal' | 'sensitive' | 'restricted'): InteractionEvent => ({
  type: 'InteractionConfidentialitySet', data: { interactionId, partyIds, level },
});
const last = (d: number, interactionId: string, channel = 'phone') => ({ at: day(d), channel, interactionId });
/**
 * The party document replaced by the one given, as if party-view.v4 had written it last: stored at a position
 * past the ledger's last event (a store keeps a document's write only from a later position than its own).
 */
async function asWrittenByV4(store: Awaited<ReturnType<typeof project>>, doc: PartyView, ledger: SpecLedger): Promise<void> {
  const position = ledger.events[ledger.events.length - 1].position + 0.5;
  await store.commit([{ collection: P, id: doc.id, doc, position }], { name: 'spec', position });
  expect(await store.get(P, doc.id)).toEqual(doc);
}
/** A stored cell (a tuple) from its named parts. */
const cell = (department: string, confidentiality: string, counts: Record<string, number>, lastContact: ReturnType<typeof last> | null): ContactCell =>
  toCell({ department, confidentiality, counts, last: lastContact });

describe('party view contact cells (department × confidentiality)', () => {
  it('counts each contact per channel in the cell of its department and level, and keeps each cell\'s last contact', async () => {
    const ledger = new SpecLedger();
    ledger.add(registered('p-1'));
    ledger.add(registered('p-2'));
    ledger.add(interactionRecorded('i-1', ['p-1', 'p-2'], { occurredAt: day(3) }));
    ledger.add(interactionRecorded('i-2', ['p-1'], { channel: 'email', occurredAt: day(5) }));
    ledger.add(interactionRecorded('i-3', ['p-1'], { occurredAt: day(4), confidentiality: 'sensitive' }));
    ledger.add(interactionRecorded('i-4', ['p-1'], { occurredAt: day(1), department: 'waste' }));
    ledger.add(interactionRecorded('i-5', ['p-1'], { occurredAt: day(2), department: 'waste', confidentiality: 'restricted', channel: 'counter' }));
    await given(...ledger.events).thenMatching(P, [
      {
        id: 'p-1', updatedAt: at(7),
        contactCells: [
          cell('housing', 'normal', { phone: 1, email: 1 }, last(5, 'i-2', 'email')),
          cell('housing', 'sensitive', { phone: 1 }, last(4, 'i-3')),
          cell('waste', 'normal', { phone: 1 }, last(1, 'i-4')),
          cell('waste', 'restricted', { counter: 1 }, last(2, 'i-5', 'counter')),
        ],
      },
      { id: 'p-2', contactCells: [cell('housing', 'normal', { phone: 1 }, last(3, 'i-1'))] },
    ]);
    // No totals over every contact are stored: an answer sums the cells its reader's scope allows.
    const store = await project(ledger.events);
    const p1 = (await store.get<PartyView>(P, 'p-1')) as PartyView;
    expect(p1).not.toHaveProperty('interactionCounts');
    expect(p1).not.toHaveProperty('lastContact');
    expect(sumContactCells(cellsOf(p1))).toEqual({ interactionCounts: { phone: 3, email: 1, counter: 1 }, lastContact: last(5, 'i-2', 'email') });
  });

  it('moves a contact between cells when it is amended into another department or reclassified, dropping emptied cells', async () => {
    const ledger = new SpecLedger();
    ledger.add(registered('p-1'));
    ledger.add(interactionRecorded('i-1', ['p-1'], { occurredAt: day(1) }));
    ledger.add(interactionRecorded('i-2', ['p-1'], { occurredAt: day(2), channel: 'email' }));
    ledger.add(amended('i-1', ['p-1'], { department: 'benefits' }));
    ledger.add(classified('i-1', ['p-1'], 'restricted'));
    ledger.add(classified('i-2', ['p-1'], 'sensitive'));
    await given(...ledger.events).thenDocument(P, 'p-1', {
      updatedAt: at(6),
      contactCells: [
        cell('benefits', 'restricted', { phone: 1 }, last(1, 'i-1')),
        cell('housing', 'sensitive', { email: 1 }, last(2, 'i-2', 'email')),
      ],
    });
  });

  it('keeps the party view as it is when an amendment changes nothing a contact is counted by', async () => {
    const ledger = new SpecLedger();
    ledger.add(registered('p-1'));
    ledger.add(interactionRecorded('i-1', ['p-1'], { occurredAt: day(1) }));
    ledger.add(amended('i-1', ['p-1'], { topics: ['rent'] }));
    ledger.add(classified('i-1', ['p-1'], 'normal'));
    await given(...ledger.events).thenDocument(P, 'p-1', { updatedAt: at(2), contactCells: [cell('housing', 'normal', { phone: 1 }, last(1, 'i-1'))] });
  });

  describe('the last contact of a cell a contact leaves', () => {
    it('falls back to the latest contact left in that cell, and the cell it joins takes it if it is later', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1'));
      ledger.add(interactionRecorded('i-1', ['p-1'], { occurredAt: day(1) }));
      ledger.add(interactionRecorded('i-2', ['p-1'], { occurredAt: day(9) }));
      ledger.add(interactionRecorded('i-3', ['p-1'], { occurredAt: day(5), channel: 'sms' }));
      ledger.add(interactionRecorded('i-4', ['p-1'], { occurredAt: day(7), department: 'waste' }));
      ledger.add(amended('i-2', ['p-1'], { department: 'waste' }));
      await given(...ledger.events).thenDocument(P, 'p-1', {
        contactCells: [
          cell('housing', 'normal', { phone: 1, sms: 1 }, last(5, 'i-3', 'sms')),
          cell('waste', 'normal', { phone: 2 }, last(9, 'i-2')),
        ],
      });
    });

    it('is the one with the greatest interaction id among those left at the same time', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1'));
      for (const id of ['i-2', 'i-3', 'i-1', 'i-4']) ledger.add(interactionRecorded(id, ['p-1'], { occurredAt: day(3) }));
      ledger.add(classified('i-4', ['p-1'], 'sensitive'));
      await given(...ledger.events).thenDocument(P, 'p-1', {
        contactCells: [
          cell('housing', 'normal', { phone: 3 }, last(3, 'i-3')),
          cell('housing', 'sensitive', { phone: 1 }, last(3, 'i-4')),
        ],
      });
    });

    it('follows a correction of the business time, earlier or later, within the cell', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1'));
      ledger.add(interactionRecorded('i-1', ['p-1'], { occurredAt: day(1) }));
      ledger.add(interactionRecorded('i-2', ['p-1'], { occurredAt: day(9) }));
      ledger.add(interactionRecorded('i-3', ['p-1'], { occurredAt: day(5) }));
      ledger.add(amended('i-2', ['p-1'], { occurredAt: day(2) }));
      const earlier = given(...ledger.events);
      await earlier.thenDocument(P, 'p-1', { contactCells: [cell('housing', 'normal', { phone: 3 }, last(5, 'i-3'))] });
      ledger.add(amended('i-1', ['p-1'], { occurredAt: day(20) }));
      await given(...ledger.events).thenDocument(P, 'p-1', { contactCells: [cell('housing', 'normal', { phone: 3 }, last(20, 'i-1'))] });
    });

    it('is nobody once the cell is left empty (the cell goes), also when it moves and comes back in one batch', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1'));
      ledger.add(interactionRecorded('i-1', ['p-1'], { occurredAt: day(1) }));
      ledger.add(classified('i-1', ['p-1'], 'sensitive'));
      const moved = given(...ledger.events);
      await moved.thenDocument(P, 'p-1', { contactCells: [cell('housing', 'sensitive', { phone: 1 }, last(1, 'i-1'))] });
      ledger.add(classified('i-1', ['p-1'], 'normal'));
      await given(...ledger.events).thenDocument(P, 'p-1', { contactCells: [cell('housing', 'normal', { phone: 1 }, last(1, 'i-1'))] });
    });
  });

  describe('merges', () => {
    const history = () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1'));
      ledger.add(registered('p-2', 'waste'));
      ledger.add(interactionRecorded('i-1', ['p-1'], { occurredAt: day(1) }));
      ledger.add(interactionRecorded('i-2', ['p-2'], { occurredAt: day(8), department: 'waste', confidentiality: 'sensitive' }));
      ledger.add({ type: 'PartyMerged', data: { partyId: 'p-2', survivorPartyId: 'p-1', reason: 'duplicate' } });
      // A contact of the duplicate moved after the merge still counts for the survivor, in its new cell.
      ledger.add(amended('i-2', ['p-2'], { department: 'housing' }));
      return ledger;
    };
    const cellsOf = async (ledger: SpecLedger, partyId: string): Promise<ContactCell[]> => {
      const store = await project(ledger.events);
      return contactCells(store, (await store.get<PartyView>(P, partyId)) as PartyView);
    };

    it('count the duplicate\'s contacts, in their current cells, for the survivor, each party keeping its own cells', async () => {
      const ledger = history();
      await given(...ledger.events).thenMatching(P, [
        { id: 'p-1', mergedFrom: ['p-2'], contactCells: [cell('housing', 'normal', { phone: 1 }, last(1, 'i-1'))] },
        { id: 'p-2', contactCells: [cell('housing', 'sensitive', { phone: 1 }, last(8, 'i-2'))] },
      ]);
      expect(await cellsOf(ledger, 'p-1')).toEqual([
        cell('housing', 'normal', { phone: 1 }, last(1, 'i-1')),
        cell('housing', 'sensitive', { phone: 1 }, last(8, 'i-2')),
      ]);
    });

    it('stop counting them once the merge is undone', async () => {
      const ledger = history();
      ledger.add({ type: 'PartyUnmerged', data: { partyId: 'p-2', survivorPartyId: 'p-1', reason: 'not the same person' } });
      expect(await cellsOf(ledger, 'p-1')).toEqual([cell('housing', 'normal', { phone: 1 }, last(1, 'i-1'))]);
      expect(await cellsOf(ledger, 'p-2')).toEqual([cell('housing', 'sensitive', { phone: 1 }, last(8, 'i-2'))]);
    });
  });

  describe('stored as tuples (party-view.v5)', () => {
    it('count per channel in CELL_CHANNELS order', () => {
      expect(cell('housing', 'normal', { email: 2, counter: 1 }, last(1, 'i-1'))).toEqual(['housing', 'normal', [0, 2, 1], day(1), 'phone', 'i-1']);
    });

    it('sum to the counts and last contact the named cells gave, the greater interaction id winning a tie', () => {
      const cells = [
        cell('housing', 'normal', { phone: 2, letter: 1 }, last(4, 'i-2')),
        cell('housing', 'sensitive', { letter: 3 }, last(4, 'i-9', 'letter')),
        cell('waste', 'normal', { phone: 1 }, last(2, 'i-5')),
      ];
      expect(sumContactCells(cells)).toEqual({ interactionCounts: { phone: 3, letter: 4 }, lastContact: last(4, 'i-9', 'letter') });
      expect(sumContactCells([cells[2], cells[0]])).toEqual({ interactionCounts: { phone: 3, letter: 1 }, lastContact: last(4, 'i-2') });
      expect(sumContactCells([])).toEqual({ interactionCounts: {}, lastContact: null });
    });

    it('are read from a party-view.v4 document (cells as objects), and a contact recorded on it turns its cells into tuples', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1'));
      ledger.add(interactionRecorded('i-1', ['p-1'], { occurredAt: day(1) }));
      ledger.add(interactionRecorded('i-2', ['p-1'], { occurredAt: day(2), channel: 'email', confidentiality: 'sensitive' }));
      const store = await project(ledger.events);
      const v5 = (await store.get<PartyView>(P, 'p-1')) as PartyView;
      // The same document as party-view.v4 wrote it.
      const legacy: LegacyContactCell[] = [
        { department: 'housing', confidentiality: 'normal', counts: { phone: 1 }, last: last(1, 'i-1') },
        { department: 'housing', confidentiality: 'sensitive', counts: { email: 1 }, last: last(2, 'i-2', 'email') },
      ];
      const v4 = { ...v5, contactCells: legacy };
      expect(cellsOf(v4)).toEqual(v5.contactCells);
      await asWrittenByV4(store, v4, ledger);
      expect(await contactCells(store, (await store.get<PartyView>(P, 'p-1')) as PartyView)).toEqual(v5.contactCells);
      ledger.add(interactionRecorded('i-3', ['p-1'], { occurredAt: day(3), channel: 'letter' }));
      await project(ledger.events.slice(-1), store);
      const converted = (await store.get<PartyView>(P, 'p-1')) as PartyView;
      expect(converted).not.toHaveProperty('interactionCounts');
      expect(converted.contactCells).toEqual([
        cell('housing', 'normal', { phone: 1, letter: 1 }, last(3, 'i-3', 'letter')),
        cell('housing', 'sensitive', { email: 1 }, last(2, 'i-2', 'email')),
      ]);
    });
  });

  describe('party-view.v4 documents (cells as objects, stored totals)', () => {
    /** The ledger projected, then the party's document replaced by the one party-view.v4 wrote for the same events. */
    const upgraded = async (ledger: SpecLedger, partyId: string, legacy: LegacyContactCell[]) => {
      const store = await project(ledger.events);
      const v5 = (await store.get<PartyView>(P, partyId)) as PartyView;
      const { interactionCounts, lastContact } = sumContactCells(cellsOf(v5));
      await asWrittenByV4(store, { ...v5, interactionCounts, lastContact, contactCells: legacy }, ledger);
      return { store, v5 };
    };
    const stored = async (store: Awaited<ReturnType<typeof project>>, partyId: string) => (await store.get<PartyView>(P, partyId)) as PartyView;

    it('move a contact between cells on a reclassification, the cell it leaves finding its latest contact left', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1'));
      ledger.add(interactionRecorded('i-1', ['p-1'], { occurredAt: day(1) }));
      ledger.add(interactionRecorded('i-2', ['p-1'], { occurredAt: day(2), channel: 'email' }));
      const { store } = await upgraded(ledger, 'p-1', [{ department: 'housing', confidentiality: 'normal', counts: { phone: 1, email: 1 }, last: last(2, 'i-2', 'email') }]);
      ledger.add(classified('i-2', ['p-1'], 'sensitive'));
      await project(ledger.events.slice(-1), store);
      const doc = await stored(store, 'p-1');
      expect(doc).not.toHaveProperty('interactionCounts');
      expect(doc.contactCells).toEqual([cell('housing', 'normal', { phone: 1 }, last(1, 'i-1')), cell('housing', 'sensitive', { email: 1 }, last(2, 'i-2', 'email'))]);
    });

    it('count for a survivor whose merged party is still a v4 document', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1'));
      ledger.add(registered('p-2'));
      ledger.add(interactionRecorded('i-1', ['p-1'], { occurredAt: day(1) }));
      ledger.add(interactionRecorded('i-2', ['p-2'], { occurredAt: day(8), confidentiality: 'sensitive' }));
      ledger.add({ type: 'PartyMerged', data: { partyId: 'p-2', survivorPartyId: 'p-1', reason: 'duplicate' } });
      const { store } = await upgraded(ledger, 'p-2', [{ department: 'housing', confidentiality: 'sensitive', counts: { phone: 1 }, last: last(8, 'i-2') }]);
      expect(await contactCells(store, await stored(store, 'p-1'))).toEqual([
        cell('housing', 'normal', { phone: 1 }, last(1, 'i-1')),
        cell('housing', 'sensitive', { phone: 1 }, last(8, 'i-2')),
      ]);
    });
  });

  it('keeps counts through an erasure (the facts of contact stay, the text goes), and its own records carry no personal data', async () => {
    const ledger = new SpecLedger();
    ledger.add(registered('p-1'));
    ledger.add(registered('p-2'));
    ledger.add(interactionRecorded('i-1', ['p-1', 'p-2'], { occurredAt: day(3), summary: 'Talked about the eviction' }));
    ledger.add(interactionRecorded('i-2', ['p-1'], { occurredAt: day(4), confidentiality: 'sensitive' }));
    ledger.add({ type: 'ErasureRequested', data: { partyId: 'p-1', legalBasis: 'GDPR Art. 17' } });
    ledger.add({ type: 'PartyErased', data: { partyId: 'p-1', legalBasis: 'GDPR Art. 17' } });
    ledger.add(classified('i-1', ['p-1', 'p-2'], 'restricted'));
    const events = given(...ledger.events);
    await events.thenMatching(P, [
      {
        id: 'p-1', status: 'erased', contactCells: [
          cell('housing', 'restricted', { phone: 1 }, last(3, 'i-1')),
          cell('housing', 'sensitive', { phone: 1 }, last(4, 'i-2')),
        ],
      },
      { id: 'p-2', contactCells: [cell('housing', 'restricted', { phone: 1 }, last(3, 'i-1'))] },
    ]);
    // Where each contact counts (party, department and level in its cell key), when, on which channel: no text.
    await events.thenDocuments(PLACES, [
      { id: 'p-1:i-1', cell: '["p-1","housing","restricted"]', at: day(3), channel: 'phone' },
      { id: 'p-1:i-2', cell: '["p-1","housing","sensitive"]', at: day(4), channel: 'phone' },
      { id: 'p-2:i-1', cell: '["p-2","housing","restricted"]', at: day(3), channel: 'phone' },
    ]);
  });
});
