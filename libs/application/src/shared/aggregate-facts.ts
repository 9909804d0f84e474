import { Inject, Injectable } from '@nestjs/common';
import {
  correspondenceDecider, CorrespondenceState, correspondenceStreamId, Decider, interactionDecider, InteractionState, interactionStreamId,
  partyDecider, partyDepartments, PartyState, partyStreamId,
} from '@civic-ledger/domain';
import { EventStore, RecordedEvent, StreamNotFound } from '@civic-ledger/event-store';
import { STORED_EVENTS } from './ports';

/** What the access policy and the deciders of other records need to know about a party: no personal data. */
export interface PartyFacts {
  readonly status: 'active' | 'erased';
  readonly partyId: string;
  readonly mergedInto: string | null;
  /** Departments that see the party by its own stream: the registering department and grants in force. */
  readonly departments: readonly string[];
}

export interface InteractionFacts {
  readonly status: 'recorded';
  readonly interactionId: string;
  readonly department: string;
  readonly confidentiality: Extract<InteractionState, { status: 'recorded' }>['confidentiality'];
}

export interface CorrespondenceFacts {
  readonly status: Exclude<CorrespondenceState['status'], 'unknown'>;
  readonly correspondenceId: string;
  readonly department: string;
}

interface Entry<S> {
  readonly revision: number;
  readonly state: S;
}

/** How to keep one aggregate's state without personal data: its decider and what to blank out after each event. */
interface FactsKind<S> {
  readonly decider: Decider<unknown, never, S>;
  readonly strip: (state: S) => S;
}

/** Names, contact points, identifiers and free text never stay in memory; ids, kinds, departments and flags do. */
const PARTY: FactsKind<PartyState> = {
  decider: partyDecider as unknown as Decider<unknown, never, PartyState>,
  strip: (s) => (s.status === 'unknown' ? s : {
    ...s, nameFull: '', contactPoints: {}, identifiers: [], erasureRequested: s.erasureRequested === null ? null : 'requested',
  }),
};

const INTERACTION: FactsKind<InteractionState> = {
  decider: interactionDecider as unknown as Decider<unknown, never, InteractionState>,
  strip: (s) => (s.status === 'unknown' ? s : {
    status: s.status, interactionId: s.interactionId, confidentiality: s.confidentiality, correspondenceIds: s.correspondenceIds,
    details: { channel: s.details.channel, direction: s.details.direction, occurredAt: s.details.occurredAt, partyIds: s.details.partyIds, department: s.details.department, topics: s.details.topics, summary: '' },
  }),
};

/** Correspondence state holds ids, status and department only. */
const CORRESPONDENCE: FactsKind<CorrespondenceState> = {
  decider: correspondenceDecider as unknown as Decider<unknown, never, CorrespondenceState>,
  strip: (s) => s,
};

const MAX_ENTRIES = 20_000;

/**
 * The facts a write checks about records it does not change (does the party exist, is it erased, which
 * departments see it, which department holds an interaction), cached per stream with the revision they were
 * folded at. A lookup asks the store for the stream's current revision (one indexed read, no decryption);
 * when the stream has moved on, only the new events are read and folded. Folding reads the store as stored
 * (personal fields sealed) and blanks every personal field after each event, so the cache never holds
 * plaintext personal data: an erasure is an event on the party's stream like any other and is seen at the
 * next lookup, whichever process recorded it.
 */
@Injectable()
export class AggregateFacts {
  private readonly entries = new Map<string, Entry<unknown>>();
  /** The facts of a cached party state, made once per state (states are replaced, never changed, as events fold in). */
  private readonly partyFacts = new WeakMap<PartyState, PartyFacts>();

  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore) {}

  async party(partyId: string): Promise<PartyFacts | null> {
    const state = await this.current(PARTY, partyStreamId(partyId));
    if (state.status === 'unknown') return null;
    // Once per folded state (every write naming the party asks): its departments are a set sorted into a list.
    let facts = this.partyFacts.get(state);
    if (!facts) {
      facts = Object.freeze({ status: state.status, partyId: state.partyId, mergedInto: state.mergedInto, departments: Object.freeze(partyDepartments(state)) });
      this.partyFacts.set(state, facts);
    }
    return facts;
  }

  async interaction(interactionId: string): Promise<InteractionFacts | null> {
    const state = await this.current(INTERACTION, interactionStreamId(interactionId));
    if (state.status === 'unknown') return null;
    return { status: state.status, interactionId: state.interactionId, department: state.details.department, confidentiality: state.confidentiality };
  }

  async correspondence(correspondenceId: string): Promise<CorrespondenceFacts | null> {
    const state = await this.current(CORRESPONDENCE, correspondenceStreamId(correspondenceId));
    if (state.status === 'unknown') return null;
    return { status: state.status, correspondenceId: state.correspondenceId, department: state.department };
  }

  /** What the cache holds for a stream (for tests and diagnostics): the stripped state and its revision. */
  cached(streamId: string): Entry<unknown> | undefined {
    return this.entries.get(streamId);
  }

  get size(): number {
    return this.entries.size;
  }

  private async current<S>(kind: FactsKind<S>, streamId: string): Promise<S> {
    const head = await this.events.streamMetadata(streamId);
    const cached = this.entries.get(streamId) as Entry<S> | undefined;
    if (!head) {
      this.entries.delete(streamId);
      return kind.decider.initialState();
    }
    if (cached && cached.revision === head.revision) {
      this.touch(streamId, cached);
      return cached.state;
    }
    // A cached revision ahead of the store's means the stream was replaced (e.g. a restored store): start over.
    const base = cached && cached.revision < head.revision ? cached : undefined;
    const newer = await this.read(streamId, base ? base.revision + 1 : 0);
    const entry = newer.reduce<Entry<S>>(
      (e, event) => ({ revision: event.revision, state: kind.strip(kind.decider.evolve(e.state, { type: event.type, data: event.data } as never)) }),
      base ?? { revision: -1, state: kind.decider.initialState() },
    );
    this.touch(streamId, entry);
    return entry.state;
  }

  private async read(streamId: string, fromRevision: number): Promise<RecordedEvent[]> {
    try {
      return await this.events.readStream(streamId, { fromRevision });
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }

  /** Least recently used entries go first once the cache is full. */
  private touch(streamId: string, entry: Entry<unknown>): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }
}
