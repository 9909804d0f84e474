import { ERASED, LedgerEvent } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { MemoryReadStore } from '../memory/memory.read-store';
import { asLedgerEvent, Projection, ProjectionBatch } from '../projection';
import { COLLECTIONS } from '../views';
import { correspondenceReceived, interactionRecorded, SpecLedger } from './projection.spec-kit';
import { timelineProjection } from './timeline.projection';
import { timelineV3Reference } from './timeline-v3.spec-kit';

/**
 * `timeline.v4` keeps no record of an interaction beside its entries (only who a contact with several
 * parties is about): over random histories of contacts, amendments, reclassifications, links, correspondence,
 * merges and erasures, its entries are byte for byte those `timeline.v3` wrote.
 */

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTIES = ['p-1', 'p-2', 'p-3', 'p-4'];
const DEPARTMENTS = ['housing', 'benefits', 'repairs'];
const LEVELS = ['normal', 'sensitive', 'restricted'] as const;
const TOPICS = ['repairs', 'heating', 'rent', 'noise'];

function history(seed: number, length: number): RecordedEvent[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const some = <T>(items: readonly T[]): T[] => items.filter(() => next() < 0.4);
  const ledger = new SpecLedger();
  for (const partyId of PARTIES) ledger.add({ type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full: `Person ${partyId}` }, department: 'housing' } });
  const interactions: { id: string; partyIds: string[] }[] = [];
  const letters: { id: string; partyIds: string[] }[] = [];
  const erased = new Set<string>();
  const parties = () => {
    const first = pick(PARTIES);
    return next() < 0.6 ? [first] : [first, ...some(PARTIES.filter((p) => p !== first))];
  };
  const time = () => `2024-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}T10:00:00.000Z`;
  const steps: (() => LedgerEvent | null)[] = [
    () => {
      const id = `i-${interactions.length + 1}`;
      interactions.push({ id, partyIds: parties() });
      return interactionRecorded(id, interactions[interactions.length - 1].partyIds, {
        department: pick(DEPARTMENTS), confidentiality: pick(LEVELS), occurredAt: time(), topics: some(TOPICS), summary: `Text of ${id}`, outcome: 'advised',
      });
    },
    () => {
      if (interactions.length === 0) return null;
      const { id, partyIds } = pick(interactions);
      const changes: Record<string, unknown> = {};
      if (next() < 0.5) changes.summary = `Amended text of ${id} ${Math.floor(next() * 100)}`;
      if (next() < 0.4) changes.department = pick(DEPARTMENTS);
      if (next() < 0.4) changes.occurredAt = time();
      if (next() < 0.4) changes.topics = some(TOPICS);
      if (next() < 0.3) changes.outcome = 'referred';
      return { type: 'InteractionAmended', data: { interactionId: id, partyIds, reason: 'correction', changes, previous: { summary: 'before' } } };
    },
    () => {
      if (interactions.length === 0) return null;
      const { id, partyIds } = pick(interactions);
      return { type: 'InteractionConfidentialitySet', data: { interactionId: id, partyIds, level: pick(LEVELS), reason: 'review' } };
    },
    () => {
      if (interactions.length === 0 || letters.length === 0) return null;
      const { id, partyIds } = pick(interactions);
      return { type: 'InteractionLinkedToCorrespondence', data: { interactionId: id, partyIds, correspondenceId: pick(letters).id } };
    },
    () => {
      const id = `c-${letters.length + 1}`;
      letters.push({ id, partyIds: parties() });
      return correspondenceReceived(id, letters[letters.length - 1].partyIds, { department: pick(DEPARTMENTS), subject: `Subject of ${id}` });
    },
    () => {
      if (letters.length === 0) return null;
      const { id, partyIds } = pick(letters);
      return next() < 0.5
        ? { type: 'CorrespondenceAssigned', data: { correspondenceId: id, partyIds, assigneeId: 'staff-2', department: pick(DEPARTMENTS) } }
        : { type: 'CorrespondenceAcknowledged', data: { correspondenceId: id, partyIds, note: 'phoned' } };
    },
    () => {
      const [partyId, survivorPartyId] = [pick(PARTIES), pick(PARTIES)];
      if (partyId === survivorPartyId) return null;
      return { type: next() < 0.7 ? 'PartyMerged' : 'PartyUnmerged', data: { partyId, survivorPartyId, reason: 'same person' } } as LedgerEvent;
    },
    () => {
      const partyId = pick(PARTIES);
      if (erased.has(partyId) || next() < 0.6) return null;
      erased.add(partyId);
      return { type: 'PartyErased', data: { partyId, legalBasis: 'GDPR Art. 17' } };
    },
  ];
  const weights = [0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 7];
  while (ledger.events.length < length) {
    const event = steps[pick(weights)]();
    if (event) ledger.add(event);
  }
  return ledger.events;
}

async function timelineOf(projection: Projection, events: readonly RecordedEvent[], batchSize: number, store = new MemoryReadStore()): Promise<string[]> {
  for (const c of projection.collections) await store.ensureCollection(c.name, c.indexes);
  for (let from = 0; from < events.length; from += batchSize) {
    const batch = new ProjectionBatch(store);
    const slice = events.slice(from, from + batchSize);
    for (const event of slice) {
      batch.at(event.position);
      await projection.project(asLedgerEvent(event), event, batch);
    }
    await store.commit(batch.changes(), { name: projection.name, position: slice[slice.length - 1].position });
  }
  // As text: a rebuild's checksums compare documents byte for byte, field order included.
  return (await store.find(COLLECTIONS.timeline, { orderBy: [{ field: 'id', direction: 'asc' }] })).map((doc) => JSON.stringify(doc));
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

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
