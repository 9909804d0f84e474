/** The EventStore port: the only source of truth. Adapters: sqlite/ (embedded), esdb/ (production). */

export type ExpectedRevision = number | 'any' | 'no_stream' | 'stream_exists';

export type JsonObject = { [key: string]: unknown };

/** What a command handler hands to the store. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  /** Business time the event refers to (from the command, never from a decider's clock). */
  readonly occurredAt: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly schemaVersion: number;
  /** Present when the request carried an Idempotency-Key: the key and a hash of the request. */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

/** The stored envelope. `position` is global and grows monotonically; `revision` counts from 0 per stream. */
export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  /** System time at which the store committed the event. */
  readonly recordedAt: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event. */
  readonly position: number;
  /** True when every event id was already stored in this stream: nothing new was written. */
  readonly idempotent: boolean;
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  readonly direction?: 'forwards' | 'backwards';
  readonly limit?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. 0 reads from the beginning. */
  readonly fromPosition?: number;
  readonly limit?: number;
}

export interface SubscriptionFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface SubscribeAllOptions {
  /** Exclusive checkpoint: delivery starts after it. */
  readonly fromPosition?: number;
  readonly filter?: SubscriptionFilter;
}

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'caught-up'; readonly position: number };

/** Catch-up-then-live subscription. Iterate it; close() ends iteration promptly. */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  close(): void;
}

export interface StreamMetadata {
  readonly streamId: string;
  readonly revision: number;
  readonly lastHash: string;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** Throws StreamNotFound when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeAll(options?: SubscribeAllOptions): Subscription;
  streamMetadata(streamId: string): Promise<StreamMetadata | null>;
  /** Position of the last committed event (0 when empty). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export function matchesFilter(event: Pick<RecordedEvent, 'streamId' | 'type'>, filter?: SubscriptionFilter): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  return true;
}
