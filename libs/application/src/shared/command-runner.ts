import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { Decider, DomainEvent, SCHEMA_VERSION } from '@civic-ledger/domain';
import { EVENT_STORE, EventStore, NewEvent, RecordedEvent, StreamNotFound, WrongExpectedRevision } from '@civic-ledger/event-store';
import { ApplicationError } from './application-error';
import { CommandContext } from './command-context';

/** Namespace for ids derived from idempotency keys (UUID v5). */
export const IDEMPOTENCY_NAMESPACE = '6f1c8a52-3b0e-4d5e-9a57-2f6a0c1d9e44';
const MAX_ATTEMPTS = 5;

export interface CommandOutcome {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly eventIds: readonly string[];
  /** True when an earlier request with the same Idempotency-Key already did this. */
  readonly replayed: boolean;
}

export interface WriteContext extends CommandContext {
  /** Business time of the change; defaults to now. */
  readonly occurredAt?: string;
  /** Why a contact is recorded with a party the record's department does not see yet ("break glass"). */
  readonly breakGlassReason?: string;
}

/**
 * The scope of an idempotency key: the subject with its role and departments. A replay answers only the
 * same subject acting with the same rights, so a key reused under another role or department is a new request.
 */
export function idempotencyScope(meta: Pick<CommandContext, 'principal' | 'idempotencyKey'>): string | undefined {
  if (!meta.idempotencyKey) return undefined;
  const { sub, role, departments } = meta.principal;
  return `${sub}|${role}|${[...departments].sort().join(',')}|${meta.idempotencyKey}`;
}

/** Derives a stable id (e.g. of a new party) from the request's idempotency key, or draws one (random by default). */
export function newId(meta: Pick<CommandContext, 'principal' | 'idempotencyKey'>, purpose: string, draw: () => string = randomUUID): string {
  const scope = idempotencyScope(meta);
  return scope ? uuidv5(`${purpose}|${scope}`, IDEMPOTENCY_NAMESPACE) : draw();
}

/**
 * As newId, but without an idempotency key a time-ordered UUID (version 7: milliseconds, then 74 random
 * bits) rather than a random one, for records written all day long (contacts): the event store's and the
 * read models' id indexes then grow at their end instead of touching a random page per insert. The id
 * tells when the record was made, which the record states anyway; people's records keep random ids.
 */
export function newRecordId(meta: Pick<CommandContext, 'principal' | 'idempotencyKey'>, purpose: string): string {
  return newId(meta, purpose, uuidv7);
}

/**
 * The thin command shell: read stream → fold → decide → append with the expected revision.
 * Retries on concurrent writes unless the client pinned a revision with If-Match.
 */
@Injectable()
export class CommandRunner {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async load(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.events.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }

  async state<C, E, S>(decider: Decider<C, E, S>, streamId: string): Promise<S> {
    return (await this.load(streamId)).reduce((s, e) => decider.evolve(s, toDomain<E>(e)), decider.initialState());
  }

  /**
   * `beforeAppend` runs once the decision is made and right before it is appended (e.g. crypto-shredding
   * destroys a key before the erasure event is recorded, so no recorded erasure ever has a live key).
   * `fresh`: the stream's id was drawn for this command (random bits), so the first attempt decides on the
   * initial state without reading it (the append still expects no stream; a conflict reads it as usual).
   */
  async run<C, E extends DomainEvent<string, object>, S>(
    decider: Decider<C, E, S>, streamId: string, command: (now: Date) => C, ctx: WriteContext,
    beforeAppend?: (decided: readonly E[]) => Promise<void>, fresh = false,
  ): Promise<CommandOutcome> {
    const scopedKey = idempotencyScope(ctx);
    for (let attempt = 1; ; attempt += 1) {
      const history = fresh && attempt === 1 && !scopedKey ? [] : await this.load(streamId);
      const replay = scopedKey ? replayed(history, scopedKey, ctx.requestHash, streamId) : null;
      if (replay) return replay;
      const revision = history.length ? history[history.length - 1].revision : -1;
      if (ctx.expectedRevision !== undefined && ctx.expectedRevision !== revision) throw preconditionFailed(revision);
      const now = new Date();
      const state = history.reduce((s, e) => decider.evolve(s, toDomain<E>(e)), decider.initialState());
      const decided = decider.decide(command(now), state);
      const envelopes = decided.map((event, i): NewEvent => ({
        // Time-ordered (UUIDv7): the events table's id index grows at its end; the event states its time anyway.
        id: scopedKey ? uuidv5(`${scopedKey}|${streamId}|${i}`, IDEMPOTENCY_NAMESPACE) : uuidv7(),
        type: event.type, data: event.data as NewEvent['data'], occurredAt: ctx.occurredAt ?? now.toISOString(), actor: ctx.actor,
        correlationId: ctx.correlationId, causationId: null, schemaVersion: SCHEMA_VERSION,
        ...(scopedKey ? { idempotency: { key: scopedKey, requestHash: ctx.requestHash } } : {}),
      }));
      // Nothing to record (e.g. a grant the department already holds): answer with the stream as it is.
      if (decided.length === 0) return { streamId, revision, position: history.at(-1)?.position ?? 0, eventIds: [], replayed: false };
      await beforeAppend?.(decided);
      try {
        const result = await this.events.append(streamId, envelopes, revision === -1 ? 'no_stream' : revision);
        return { streamId, revision: result.nextExpectedRevision, position: result.position, eventIds: envelopes.map((e) => e.id), replayed: result.idempotent };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (ctx.expectedRevision !== undefined) throw preconditionFailed(error.actual);
        if (attempt >= MAX_ATTEMPTS) throw new ApplicationError('CONCURRENCY.CONFLICT', 'The record is changing too often right now; retry shortly.');
      }
    }
  }
}

function toDomain<E>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as E;
}

function preconditionFailed(actual: number): ApplicationError {
  return new ApplicationError('CONCURRENCY.PRECONDITION_FAILED', `The record has changed (current ETag "${actual}"); fetch it again and reapply your change.`);
}

function replayed(history: readonly RecordedEvent[], key: string, requestHash: string, streamId: string): CommandOutcome | null {
  const earlier = history.filter((e) => e.idempotency?.key === key);
  const last = earlier[earlier.length - 1];
  if (!last) return null;
  if (last.idempotency?.requestHash !== requestHash) {
    throw new ApplicationError('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was already used for a different request; use a new key.');
  }
  return { streamId, revision: last.revision, position: last.position, eventIds: earlier.map((e) => e.id), replayed: true };
}
