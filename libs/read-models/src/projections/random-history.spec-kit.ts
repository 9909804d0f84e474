import { LedgerEvent } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { MemoryReadStore } from '../memory/memory.read-store';
import { asLedgerEvent, Projection, ProjectionBatch } from '../projection';
import { correspondenceReceived, interactionRecorded, SpecLedger } from './projection.spec-kit';

/**
 * Random histories for equivalence specs (a projection's new version against its old one): contacts with one
 * and several parties, amendments (text, department, time, topics), reclassifications, links, correspondence,
 * merges and unmerges, erasures.
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
// A department's name is free text: one with a quote, a colon and a comma.
const DEPARTMENTS = ['housing', 'benefits', 'repairs', 'rent: "arrears", east'];
const CHANNELS = ['phone', 'email', 'counter', 'letter'] as const;
const LEVELS = ['normal', 'sensitive', 'restricted'] as const;
const TOPICS = ['repairs', 'heating', 'rent', 'noise'];

/** The seeds the equivalence specs run their random histories with. */
export const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export function history(seed: number, length: number): RecordedEvent[] {
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
        channel: pick(CHANNELS), department: pick(DEPARTMENTS), confidentiality: pick(LEVELS), occurredAt: time(), topics: some(TOPICS), summary: `Text of ${id}`, outcome: 'advised',
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

/** Projects the events in batches of `batchSize` (as the projector commits them) and gives one collection's documents as text, in id order. */
export async function projectedTexts(projection: Projection, collection: string, events: readonly RecordedEvent[], batchSize: number, store = new MemoryReadStore()): Promise<string[]> {
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
  return (await store.find(collection, { orderBy: [{ field: 'id', direction: 'asc' }] })).map((doc) => JSON.stringify(doc));
}
