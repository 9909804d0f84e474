import { isPartyEvent, LedgerEvent, PartyEvent, partyStreamId } from '@civic-ledger/domain';
import { BatchInFlight, CheckpointedConsumer, ConsumerOptions, EventStore, RecordedEvent } from '@civic-ledger/event-store';
import { CloudEventOptions, DEFAULT_SCHEMA_BASE, toMessage, toProfileMessage } from './cloud-events';
import { EventPublisher, OutboundMessage } from './event-publisher.port';
import { foldProfile } from './party-profile';
import { toPublicEvent } from './public-events';
import { topicSpecs } from './topics';

/** Where the relay keeps its own checkpoint (never the projector's). */
export interface CheckpointStore {
  load(name: string): Promise<number>;
  save(name: string, position: number): Promise<void>;
}

export interface RelayOptions {
  readonly checkpointName?: string;
  readonly batchSize?: number;
  readonly partitions?: number;
  readonly onError?: ConsumerOptions['onError'];
  readonly onBatch?: (info: { events: number; messages: number; position: number }) => void;
  /** Absolute base URI of the published JSON Schemas (ce_dataschema). */
  readonly schemaBase?: string;
  /**
   * Which of these parties were erased (data key gone), asked right before every send. A batch that
   * carries a now-erased party's data in clear is not sent: the relay goes back to its checkpoint and
   * reads (and decrypts) the events again, which then show the data as erased.
   */
  readonly erasedAmong?: (partyIds: readonly string[]) => Promise<readonly string[]>;
}

/** A batch was read before a party in it was erased; it is read again from the checkpoint. */
export class ErasedWhileRelaying extends Error {
  constructor() {
    super('A party in the batch was erased after the batch was read; re-reading from the checkpoint.');
    this.name = 'ErasedWhileRelaying';
  }
}

export const RELAY_CHECKPOINT = 'kafka-relay.v1';

/**
 * The integration feed: a checkpointed subscription on $all that publishes each public event (and,
 * for party changes, the party's profile to the compacted topic) and moves its checkpoint only after
 * the broker acknowledged the batch. At-least-once: after a crash or broker outage it publishes again
 * from its checkpoint; consumers drop duplicates by (ce_source, ce_id). Never called from the command path.
 */
export class Relay extends CheckpointedConsumer {
  private messages: OutboundMessage[] = [];
  /** Parties whose personal data the batch carries in clear. */
  private personal = new Set<string>();
  private readonly cloudEvents: CloudEventOptions;

  constructor(events: EventStore, private readonly publisher: EventPublisher, private readonly checkpoints: CheckpointStore, private readonly options: RelayOptions = {}) {
    // Large batches when catching up (one batch in flight while the next is read); live batches stay
    // small because a batch is sent as soon as no more events are waiting.
    super(events, { batchSize: options.batchSize ?? 5000, onError: options.onError });
    this.cloudEvents = { schemaBase: options.schemaBase ?? DEFAULT_SCHEMA_BASE };
  }

  async init(): Promise<void> {
    await this.publisher.ensureTopics(topicSpecs(this.options.partitions ?? 6));
    await this.load();
  }

  protected loadCheckpoint(): Promise<number> {
    return this.checkpoints.load(this.options.checkpointName ?? RELAY_CHECKPOINT);
  }

  protected beginBatch(): void {
    this.messages = [];
    this.personal = new Set();
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    const publicEvent = toPublicEvent(event);
    if (publicEvent) this.messages.push(toMessage(event, publicEvent, this.cloudEvents));
    if (publicEvent?.personalDataOf) this.personal.add(publicEvent.personalDataOf);
    const ledgerEvent = { type: event.type, data: event.data } as LedgerEvent;
    if (isPartyEvent(ledgerEvent) && publicEvent) {
      const partyId = ledgerEvent.data.partyId;
      const profile = await this.profileAt(partyId, event.revision);
      if (profile && profile.status !== 'erased') this.personal.add(partyId);
      this.messages.push(toProfileMessage(event, partyId, profile, this.cloudEvents));
    }
  }

  /** The party's public profile right after the given revision (not as it is now). */
  private async profileAt(partyId: string, revision: number) {
    const history = await this.events.readStream(partyStreamId(partyId), { limit: revision + 1 });
    return foldProfile(history.map((e) => ({ event: { type: e.type, data: e.data } as PartyEvent, revision: e.revision })));
  }

  /**
   * Checks the parties' keys, then sends the batch and returns it in flight: while the broker
   * acknowledges it the consumer reads and maps the next batch (catching up), but sends that one only
   * after this one was acknowledged and its checkpoint saved (CheckpointedConsumer), so a partition
   * never sees a batch before the one before it, and the key check still comes right before each send.
   */
  protected async commitBatch(position: number, events: number): Promise<BatchInFlight> {
    if (this.personal.size > 0 && this.options.erasedAmong && (await this.options.erasedAmong([...this.personal])).length > 0) throw new ErasedWhileRelaying();
    const messages = this.messages;
    const acknowledged = (messages.length > 0 ? this.publisher.publish(messages) : Promise.resolve()).then(async () => {
      await this.checkpoints.save(this.options.checkpointName ?? RELAY_CHECKPOINT, position);
      this.options.onBatch?.({ events, messages: messages.length, position });
    });
    return { acknowledged };
  }
}
