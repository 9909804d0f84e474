import { RecordedEvent } from '@civic-ledger/event-store';
import { MemoryReadStore } from '../memory/memory.read-store';
import { Projection } from '../projection';
import { cellsOf, sumContactCells } from '../contact-cells';
import { COLLECTIONS, PartyView } from '../views';
import { partyViewProjection } from './party-view.projection';
import { partyViewV4Reference } from './party-view-v4.spec-kit';
import { history, projectedTexts, SEEDS } from './random-history.spec-kit';

/**
 * `party-view.v5` keeps a smaller record of where each contact counts (its cell, time and channel) than
 * `party-view.v4` did: over random histories of contacts, amendments, reclassifications, links,
 * correspondence, merges and erasures, its party documents are byte for byte those `party-view.v4` wrote, once
 * those are in v5's form (contact cells as tuples, no stored totals).
 */

const partiesOf = (projection: Projection, events: readonly RecordedEvent[], batchSize: number, store?: MemoryReadStore) =>
  projectedTexts(projection, COLLECTIONS.parties, events, batchSize, store);

/**
 * A party document with its contact cells in v5's form (tuples, no stored totals), member order kept: what
 * `party-view.v5` writes for what a v4 document says (and a v5 document unchanged).
 */
function inV5Form(text: string): string {
  const doc = JSON.parse(text) as PartyView;
  if (doc.contactCells) doc.contactCells = cellsOf(doc);
  delete doc.interactionCounts;
  delete doc.lastContact;
  return JSON.stringify(doc);
}
const v5Form = (texts: string[]) => texts.map(inV5Form);

describe('party-view.v5 against party-view.v4', () => {
  it.each(SEEDS)('writes the same party documents for random history %i', async (seed) => {
    const events = history(seed, 120);
    for (const batchSize of [1, 16]) {
      const v4 = await partiesOf(partyViewV4Reference, events, batchSize);
      const v5 = await partiesOf(partyViewProjection, events, batchSize);
      expect(v5).toEqual(v5Form(v4));
      // Byte for byte in v5's form, and no stored totals (the test above would pass if neither wrote any).
      expect(v4.every((text) => text.includes('"interactionCounts"'))).toBe(true);
      expect(v5.some((text) => text.includes('"interactionCounts"'))).toBe(false);
    }
  });

  it.each(SEEDS)('continues a set party-view.v4 wrote (upgraded, not yet rebuilt) as party-view.v4 would: random history %i', async (seed) => {
    const events = history(seed, 120);
    const upgraded = new MemoryReadStore();
    await partiesOf(partyViewV4Reference, events.slice(0, 60), 16, upgraded);
    // The new version's checkpoint starts at 0: it replays the whole ledger over the documents v4 left.
    expect(v5Form(await partiesOf(partyViewProjection, events, 16, upgraded))).toEqual(v5Form(await partiesOf(partyViewV4Reference, events, 16)));
  });

  it('covers what the equivalence is about: contacts moved out of a cell they were the last of, cells emptied, channels counted', async () => {
    let lastLeft = 0;
    let emptied = 0;
    const channels = new Set<string>();
    for (const seed of SEEDS) {
      const events = history(seed, 120);
      const store = new MemoryReadStore();
      let before = new Map<string, PartyView>();
      for (let i = 1; i <= events.length; i += 1) {
        await partiesOf(partyViewProjection, events.slice(i - 1, i), 1, store);
        const after = new Map((await store.find<PartyView>(COLLECTIONS.parties, {})).map((p) => [p.id, p]));
        const event = events[i - 1];
        const moved = (event.data as { interactionId?: string }).interactionId;
        if (event.type === 'InteractionAmended' || event.type === 'InteractionConfidentialitySet') {
          for (const [id, old] of before) {
            const now = after.get(id) as PartyView;
            for (const cell of cellsOf(old)) {
              const still = cellsOf(now).find((c) => c[0] === cell[0] && c[1] === cell[1]);
              if (cell[5] === moved && still && still[5] !== moved) lastLeft += 1;
              if (!still) emptied += 1;
            }
          }
        }
        for (const p of after.values()) Object.keys(sumContactCells(cellsOf(p)).interactionCounts).forEach((c) => channels.add(c));
        before = after;
      }
    }
    expect(lastLeft).toBeGreaterThan(10);
    expect(emptied).toBeGreaterThan(5);
    expect(channels.size).toBeGreaterThan(3);
  });
});
