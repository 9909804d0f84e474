/** The EventPublisher port: integration messages out of the ledger. Adapter: kafka/. */

export interface OutboundMessage {
  readonly topic: string;
  /** Partition key: the party the event concerns, so one citizen's events stay in order. */
  readonly key: string;
  /** JSON payload; null is a tombstone (compacted topics forget the key). */
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly compacted: boolean;
}

export interface EventPublisher {
  /** Creates missing topics; existing ones are left as they are. */
  ensureTopics(topics: readonly TopicSpec[]): Promise<void>;
  /** Resolves only when the broker acknowledged every message (all in-sync replicas). */
  publish(messages: readonly OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
