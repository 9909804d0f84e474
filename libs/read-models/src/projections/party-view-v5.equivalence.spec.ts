import { RecordedEvent } from '@civic-ledger/event-store';
import { MemoryReadStore } from '../memory/memory.read-store';
import { Projection } from '../projection';
import { COLLECTIONS, PartyView } from '../views';
import { partyViewProjection } from './party-view.projection';
import { partyViewV4Reference } from './party-view-v4.spec-kit';
import { history, projectedTexts } from './random-history.spec-kit';

/**
 * `party-view.v5` keeps a smaller record of where each contact counts (its cell, time and channel) than
 * `party-view.v4` did: over random histories of contacts, amendments, reclassifications, links,
 * correspondence, merges and erasures, its party documents are byte for byte those `party-view.v4` wrote.
 */

const partiesOf = (projection: Projection, events: readonly RecordedEvent[], batchSize: number, store?: MemoryReadStore) =>
  projectedTexts(projection, COLLECTIONS.parties, events, batchSize, store);

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

describe('party-view.v5 against party-view.v4', () => {
  it.each(SEEDS)('writes the same party documents for random history %i', async (seed) => {
    const events = history(seed, 120);
    for (const batchSize of [1, 16]) {
      const v4 = await partiesOf(partyViewV4Reference, events, batchSize);
      expect(await partiesOf(partyViewProjection, events, batchSize)).toEqual(v4);
    }
  });

  it.each(SEEDS)('continues a set party-view.v4 wrote (upgraded, not yet rebuilt) as party-view.v4 would: random history %i', async (seed) => {
    const events = history(seed, 120);
    const upgraded = new MemoryReadStore();
    await partiesOf(partyViewV4Reference, events.slice(0, 60), 16, upgraded);
    // The new version's checkpoint starts at 0: it replays the whole ledger over the documents v4 left.
    expect(await partiesOf(partyViewProjection, events, 16, upgraded)).toEqual(await partiesOf(partyViewV4Reference, events, 16));
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
            for (const cell of old.contactCells ?? []) {
              const still = now.contactCells?.find((c) => c.department === cell.department && c.confidentiality === cell.confidentiality);
              if (cell.last?.interactionId === moved && still && still.last?.interactionId !== moved) lastLeft += 1;
              if (!still) emptied += 1;
            }
          }
        }
        for (const p of after.values()) Object.keys(p.interactionCounts).forEach((c) => channels.add(c));
        before = after;
      }
    }
    expect(lastLeft).toBeGreaterThan(10);
    expect(emptied).toBeGreaterThan(5);
    expect(channels.size).toBeGreaterThan(3);
  });
});
