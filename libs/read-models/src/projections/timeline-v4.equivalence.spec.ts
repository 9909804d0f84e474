import { ERASED } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { MemoryReadStore } from '../memory/memory.read-store';
import { Projection } from '../projection';
import { COLLECTIONS } from '../views';
import { history, projectedTexts, SEEDS } from './random-history.spec-kit';
import { timelineProjection } from './timeline.projection';
import { timelineV3Reference } from './timeline-v3.spec-kit';

/**
 * `timeline.v4` keeps no record of an interaction beside its entries (only who a contact with several
 * parties is about): over random histories of contacts, amendments, reclassifications, links, correspondence,
 * merges and erasures, its entries are byte for byte those `timeline.v3` wrote.
 */

const timelineOf = (projection: Projection, events: readonly RecordedEvent[], batchSize: number, store?: MemoryReadStore) =>
  projectedTexts(projection, COLLECTIONS.timeline, events, batchSize, store);

describe('timeline.v4 against timeline.v3', () => {
  it.each(SEEDS)('writes the same entries for random history %i', async (seed) => {
    const events = history(seed, 90);
    for (const batchSize of [1, 16]) {
      const v3 = await timelineOf(timelineV3Reference, events, batchSize);
      expect(await timelineOf(timelineProjection, events, batchSize)).toEqual(v3);
    }
  });

  it.each(SEEDS)('continues a set timeline.v3 wrote (upgraded, not yet rebuilt) as timeline.v3 would, erasures included: random history %i', async (seed) => {
    const events = history(seed, 90);
    const upgraded = new MemoryReadStore();
    await timelineOf(timelineV3Reference, events.slice(0, 45), 16, upgraded);
    // The new version's checkpoint starts at 0: it replays the whole ledger over the documents v3 left.
    expect(await timelineOf(timelineProjection, events, 16, upgraded)).toEqual(await timelineOf(timelineV3Reference, events, 16));
  });

  it('covers what the equivalence is about: amended, reclassified and erased contacts with one and with several parties', async () => {
    // Record ids repeat from one history to the next: prefixed with the seed.
    const entries = (await Promise.all(SEEDS.map(async (seed) => (await timelineOf(timelineProjection, history(seed, 90), 1)).map((text) => {
      const entry = JSON.parse(text) as { refId: string; type: string; summary?: string; amended?: boolean };
      return Object.assign(entry, { refId: `${seed}/${entry.refId}` });
    })))).flat();
    const recorded = entries.filter((e) => e.type === 'InteractionRecorded');
    const partiesOf = (refId: string) => recorded.filter((e) => e.refId === refId).length;
    const erased = recorded.filter((e) => e.summary === ERASED);
    expect(erased.filter((e) => partiesOf(e.refId) === 1).length).toBeGreaterThan(0);
    expect(erased.filter((e) => partiesOf(e.refId) > 1).length).toBeGreaterThan(0);
    expect(recorded.filter((e) => e.amended === true).length).toBeGreaterThan(10);
    expect(entries.filter((e) => e.type === 'InteractionConfidentialitySet').length).toBeGreaterThan(10);
    // Erasures after the upgrade, over records v3 left behind.
    expect(SEEDS.filter((seed) => history(seed, 90).slice(45).some((e) => e.type === 'PartyErased')).length).toBeGreaterThan(2);
  });
});
