import {
  AppendResult, EventStore, ExpectedRevision, JsonObject, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
  StreamMetadata, StreamNotFound, SubscribeAllOptions, Subscription, SubscriptionMessage,
} from '@civic-ledger/event-store';
import { KeyVault } from './key-vault.port';
import { erasedValue, getPath, PERSONAL_FIELDS, withPath } from './personal-data';
import { isSealed, seal, unseal } from './sealed-field';

/**
 * Field encryption around any EventStore. On append, the personal fields of each event (see
 * PERSONAL_FIELDS) are sealed with the data key of the party the stream is about: the party itself for
 * its own stream, the first named party for an interaction or a piece of correspondence. The inner
 * store hashes and chains what it stores, the sealed form, so chains still verify after a key is
 * destroyed. On read, fields are opened again; a field whose key was destroyed reads as erased.
 *
 * Auditing code that recomputes hashes (verify, bundles) reads the inner store directly.
 */
export class EncryptingEventStore implements EventStore {
  private readonly subjects = new Map<string, string>();

  constructor(private readonly inner: EventStore, private readonly vault: KeyVault) {}

  /** The store underneath, as stored (sealed): for hash verification and audit bundles. */
  get raw(): EventStore {
    return this.inner;
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (!events.some((e) => PERSONAL_FIELDS[e.type])) return this.inner.append(streamId, events, expectedRevision);
    const subject = await this.subjectOf(streamId, events, expectedRevision === 'no_stream');
    const key = await this.vault.dataKey(subject);
    const sealed = events.map((event) => {
      const fields = PERSONAL_FIELDS[event.type];
      if (!fields) return event;
      // This event's own copy of its data, made once: top-level fields (a contact's summary and outcome) are sealed
      // in it; a nested one through withPath, which copies the levels on its path.
      let data: Record<string, unknown> = { ...event.data };
      for (const path of fields) {
        const topLevel = !path.includes('.');
        const value = topLevel ? data[path] : getPath(data, path);
        if (value === undefined || isSealed(value)) continue;
        const sealedValue = seal(key, subject, aad(streamId, event.id, path), value);
        if (topLevel) data[path] = sealedValue;
        else data = withPath(data, path, sealedValue);
      }
      return { ...event, data: data as JsonObject };
    });
    return this.inner.append(streamId, sealed, expectedRevision);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readAll(options));
  }

  subscribeAll(options?: SubscribeAllOptions): Subscription {
    const source = this.inner.subscribeAll(options);
    const open = (event: RecordedEvent) => this.open(event);
    return {
      close: () => source.close(),
      async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
        for await (const message of source) {
          yield message.kind === 'event' ? { kind: 'event', event: await open(message.event) } : message;
        }
      },
    };
  }

  streamMetadata(streamId: string): Promise<StreamMetadata | null> {
    return this.inner.streamMetadata(streamId);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  /** Crypto-shredding: destroys the party's data key; everything sealed with it reads as erased from then on. */
  shred(partyId: string): Promise<void> {
    return this.vault.destroy(partyId);
  }

  /** Which of these parties' keys are gone now (read from the vault's storage, not its cache). */
  async erasedAmong(partyIds: Iterable<string>): Promise<string[]> {
    const erased: string[] = [];
    for (const id of new Set(partyIds)) if (!(await this.vault.isLive(id))) erased.push(id);
    return erased;
  }

  async close(): Promise<void> {
    await this.inner.close();
    await this.vault.close();
  }

  private async openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for (const event of events) out.push(await this.open(event));
    return out;
  }

  private async open(event: RecordedEvent): Promise<RecordedEvent> {
    const fields = PERSONAL_FIELDS[event.type];
    if (!fields) return event;
    let data = event.data;
    for (const path of fields) {
      const value = getPath(data, path);
      if (!isSealed(value)) continue;
      const key = await this.vault.findKey(value.k);
      data = withPath(data, path, key ? unseal(key, aad(event.streamId, event.id, path), value) : erasedValue(path));
    }
    return { ...event, data: data as JsonObject };
  }

  /** Whose key seals a stream's personal fields. */
  private async subjectOf(streamId: string, events: readonly NewEvent[], newStream: boolean): Promise<string> {
    // A party's stream is its own subject, and a new stream's first event names it: nothing to remember. (Every
    // contact is a new stream: kept, they filled the map with entries read again only if the contact is amended.)
    if (streamId.startsWith('party-')) return streamId.slice('party-'.length);
    const known = this.subjects.get(streamId);
    if (known) return known;
    let subject: string | undefined;
    if (newStream) subject = firstParty(events[0]?.data);
    else {
      let first: { data: JsonObject } | undefined;
      try {
        [first] = await this.inner.readStream(streamId, { limit: 1 });
      } catch (error) {
        if (!(error instanceof StreamNotFound)) throw error;
        first = events[0];
      }
      subject = firstParty(first?.data);
    }
    if (!subject) throw new Error(`Cannot tell whose personal data stream ${streamId} holds.`);
    if (newStream) return subject;
    if (this.subjects.size > 100_000) this.subjects.clear();
    this.subjects.set(streamId, subject);
    return subject;
  }
}

function firstParty(data: JsonObject | undefined): string | undefined {
  const partyIds = data?.partyIds;
  return Array.isArray(partyIds) && typeof partyIds[0] === 'string' ? partyIds[0] : undefined;
}

function aad(streamId: string, eventId: string, path: string): string {
  return `${streamId}|${eventId}|${path}`;
}
