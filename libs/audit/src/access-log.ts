import { randomUUID } from 'node:crypto';
import { AccessLedgerEntry, accessLogStreamId, PARTY_RECORDS_ACCESSED, PartyRecordsAccessed } from '@civic-ledger/domain';
import { EventStore, NewEvent } from '@civic-ledger/event-store';

export { accessLogStreamId };

interface AccessCommon {
  /** Who looked (the token's subject, or `cli:<os user>`). */
  readonly actor: string;
  readonly role: string;
  /** What was read: view, timeline, changes, export, replay, … */
  readonly endpoint: string;
  /** The reason the reader gave (X-Purpose), if any. */
  readonly purpose?: string;
  readonly correlationId?: string;
  readonly at: Date;
}

/** One look at a party's record by a person ("viewed"), or one listing of parties shown to a person ("listed": a search). */
export type AccessRecord = (AccessCommon & { readonly partyId: string }) | (AccessCommon & { readonly access: 'listed'; readonly partyIds: readonly string[] });

export interface AccessLogOptions {
  /** Longest an access waits before it is appended (and the most a crash can lose). */
  readonly flushMs?: number;
  /** Appends at once when this many are waiting. */
  readonly maxBatch?: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * The access ledger: every read of a party's record by a person is recorded in a PartyRecordsAccessed
 * event. Recording is a push onto a queue; the queue is appended in batches off the request path, so a
 * view does not wait for a write. Batches that fail are kept and retried with the next one.
 */
export class AccessLog {
  private queue: AccessRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly maxBatch: number;

  constructor(private readonly events: EventStore, private readonly options: AccessLogOptions = {}) {
    this.flushMs = options.flushMs ?? 100;
    this.maxBatch = options.maxBatch ?? 500;
  }

  get pending(): number {
    return this.queue.length;
  }

  record(access: AccessRecord): void {
    this.queue.push(access);
    if (this.queue.length >= this.maxBatch) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Appends everything recorded so far; resolves once it is in the event store. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing = this.flushing.then(() => this.appendQueued());
    return this.flushing;
  }

  /** One event per day stream and batch, listing every access in it: the chain and hash cost is per batch, not per read. */
  private async appendQueued(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const byDay = new Map<string, AccessRecord[]>();
    for (const access of batch) {
      const stream = accessLogStreamId(access.at);
      const day = byDay.get(stream);
      if (day) day.push(access);
      else byDay.set(stream, [access]);
    }
    for (const [stream, accesses] of byDay) {
      // One append per day stream and batch, whatever the parties.
      const data: PartyRecordsAccessed['data'] = { accesses: accesses.map(toEntry) };
      const event: NewEvent = {
        id: randomUUID(), type: PARTY_RECORDS_ACCESSED,
        data: { ...data },
        occurredAt: accesses[accesses.length - 1].at.toISOString(), actor: ACCESS_LEDGER_ACTOR,
        correlationId: randomUUID(), causationId: null, schemaVersion: 1,
      };
      try {
        await this.events.append(stream, [event], 'any');
      } catch (error) {
        this.queue = [...accesses, ...this.queue];
        this.options.onError?.(error);
        if (!this.timer) {
          this.timer = setTimeout(() => void this.flush(), Math.max(this.flushMs, 1000));
          this.timer.unref();
        }
      }
    }
  }
}

/** The actor of the batch events themselves (each access names its reader). */
export const ACCESS_LEDGER_ACTOR = 'civic-ledger:access-ledger';

function toEntry(access: AccessRecord): AccessLedgerEntry {
  return {
    ...('partyId' in access ? { partyId: access.partyId } : { access: 'listed' as const, partyIds: [...access.partyIds] }),
    actor: access.actor, role: access.role, endpoint: access.endpoint, at: access.at.toISOString(),
    ...(access.purpose ? { purpose: access.purpose } : {}),
    ...(access.correlationId ? { correlationId: access.correlationId } : {}),
  };
}
