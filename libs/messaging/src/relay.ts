import { isPartyEvent, LedgerEvent, PartyEvent, partyStreamId } from '@civic-ledger/domain';
import { CheckpointedConsumer, ConsumerOptions, EventStore, RecordedEvent } from '@civic-ledger/event-store';
import { toMessage, toProfileMessage } from './cloud-events';
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
}

export const RELAY_CHECKPOINT = 'kafka-relay.v1';

/**
 * The integration feed: a checkpointed subscription on $all that publishes each public event (and,
 * for party changes, the party's profile to the compacted topic) and moves its checkpoint only after
 * the broker acknowledged the batch. At-least-once: after a crash or broker outage it publishes again
 * from its checkpoint; consumers drop duplicates by ce_id. Never called from the command path.
 */
export class Relay extends CheckpointedConsumer {
  private messages: OutboundMessage[] = [];

  constructor(events: EventStore, private readonly publisher: EventPublisher, private readonly checkpoints: CheckpointStore, private readonly options: RelayOptions = {}) {
    // Large batches when catching up (acks are waited for one batch at a time); live batches stay small
    // because a batch is sent as soon as no more events are waiting.
    super(events, { batchSize: options.batchSize ?? 5000, onError: options.onError });
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
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    const publicEvent = toPublicEvent(event);
    if (publicEvent) this.messages.push(toMessage(event, publicEvent));
    const ledgerEvent = { type: event.type, data: event.data } as LedgerEvent;
    if (isPartyEvent(ledgerEvent) && publicEvent) {
      this.messages.push(toProfileMessage(event, ledgerEvent.data.partyId, await this.profileAt(ledgerEvent.data.partyId, event.revision)));
    }
  }

  /** The party's public profile right after the given revision (not as it is now). */
  private async profileAt(partyId: string, revision: number) {
    const history = await this.events.readStream(partyStreamId(partyId), { limit: revision + 1 });
    return foldProfile(history.map((e) => ({ event: { type: e.type, data: e.data } as PartyEvent, revision: e.revision })));
  }

  protected async commitBatch(position: number, events: number): Promise<void> {
    if (this.messages.length > 0) await this.publisher.publish(this.messages);
    await this.checkpoints.save(this.options.checkpointName ?? RELAY_CHECKPOINT, position);
    this.options.onBatch?.({ events, messages: this.messages.length, position });
  }
}
