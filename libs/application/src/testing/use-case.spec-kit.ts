import { DynamicModule, Global, Module } from '@nestjs/common';
import { Command, CommandBus, CqrsModule, Query, QueryBus } from '@nestjs/cqrs';
import { Test, TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { CheckpointSigner } from '@civic-ledger/audit';
import {
  correspondenceStreamId, interactionStreamId, isCorrespondenceEvent, isInteractionEvent, LedgerEvent, PartyRegistered, partyStreamId, SCHEMA_VERSION,
} from '@civic-ledger/domain';
import { EVENT_STORE, EventStore, SqliteEventStore } from '@civic-ledger/event-store';
import { EncryptingEventStore, LocalKeyWrapper, SqliteKeyVault } from '@civic-ledger/privacy';
import { catchUpViews, MemoryReadStore, READ_STORE } from '@civic-ledger/read-models';
import { Principal } from '../access/roles';
import { ApplicationModule } from '../application.module';
import { AccessRecords } from '../shared/access-records';
import { WriteContext } from '../shared/command-runner';
import { AUDIT_SIGNER, STORED_EVENTS } from '../shared/ports';

// A contact and a letter with plain defaults: the same facts the projection specs start from.
export { correspondenceReceived, interactionRecorded } from '../../../read-models/src/projections/projection.spec-kit';

/**
 * Given / when / then for use cases, on real parts only: the embedded event store in memory behind the
 * field-encryption decorator (as in production), the memory read store brought up to date by the real
 * projections before every query, and ApplicationModule's own CommandBus and QueryBus.
 *
 *   const spec = useCaseSpec();
 *   beforeEach(() => spec.given(partyRegistered(PARTY, 'housing')));
 *   it('…', async () => {
 *     await spec.command(new ChangePartyNameCommand({ partyId: PARTY, name }, write(CLERK)));
 *     expect(await spec.appended()).toEqual([{ streamId: `party-${PARTY}`, type: 'PartyNameChanged', data: { partyId: PARTY, name } }]);
 *   });
 *   it('…', async () => {
 *     expect(await spec.refused(() => spec.command(new ChangePartyNameCommand({ partyId: PARTY, name }, write(AUDITOR))))).toBe('AUTH.FORBIDDEN');
 *   });
 */

export const CLERK: Principal = { sub: 'clerk-1', role: 'clerk', departments: ['housing'] };
export const BENEFITS_CLERK: Principal = { sub: 'clerk-2', role: 'clerk', departments: ['benefits'] };
export const CASEWORKER: Principal = { sub: 'caseworker-1', role: 'caseworker', departments: ['housing'] };
export const SUPERVISOR: Principal = { sub: 'supervisor-1', role: 'supervisor', departments: ['housing'] };
export const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor', departments: [] };
export const PRIVACY_OFFICER: Principal = { sub: 'privacy-1', role: 'privacy-officer', departments: [] };
export const SERVICE: Principal = { sub: 'service-1', role: 'service', departments: [] };

/** Ids the specs share: two parties, a contact and a letter. */
export const PARTY = '7d1f3c5e-0001-4000-8000-000000000001';
export const OTHER_PARTY = '7d1f3c5e-0001-4000-8000-000000000002';
export const UNKNOWN_PARTY = '7d1f3c5e-0001-4000-8000-0000000000ff';
export const INTERACTION = '7d1f3c5e-0002-4000-8000-000000000001';
export const CORRESPONDENCE = '7d1f3c5e-0003-4000-8000-000000000001';

/** The context of a write as a transport gives it: the principal acts as itself. */
export function write(principal: Principal, extra: Partial<WriteContext> = {}): WriteContext {
  return { actor: principal.sub, principal, correlationId: 'spec-correlation', requestHash: 'spec-request', ...extra };
}

export interface Appended {
  readonly streamId: string;
  readonly type: string;
  readonly data: object;
}

@Global()
@Module({})
class SpecPorts {
  static of(events: EventStore, stored: EventStore, views: MemoryReadStore, signer: CheckpointSigner): DynamicModule {
    const providers = [
      { provide: EVENT_STORE, useValue: events }, { provide: STORED_EVENTS, useValue: stored },
      { provide: READ_STORE, useValue: views }, { provide: AUDIT_SIGNER, useValue: signer },
    ];
    return { module: SpecPorts, providers, exports: providers.map((p) => p.provide) };
  }
}

export class UseCaseSpec {
  private app?: TestingModule;
  private stored?: SqliteEventStore;
  private ledger?: EventStore;
  private views?: MemoryReadStore;
  /** Position of the last given event: what comes after it is what the use case appended. */
  private givenUpTo = 0;
  readonly signer = CheckpointSigner.fromPem(CheckpointSigner.generatePem());

  async start(): Promise<void> {
    this.stored = new SqliteEventStore(':memory:');
    this.ledger = new EncryptingEventStore(this.stored, new SqliteKeyVault(':memory:', new LocalKeyWrapper(randomBytes(32))));
    this.views = new MemoryReadStore();
    this.givenUpTo = 0;
    this.app = await Test.createTestingModule({
      imports: [CqrsModule.forRoot(), SpecPorts.of(this.ledger, this.stored, this.views, this.signer), ApplicationModule],
    }).compile();
    await this.app.init();
    await this.project();
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.stored?.close();
  }

  /** The event store as use cases see it (personal fields opened, erased ones as erased). */
  get events(): EventStore {
    if (!this.ledger) throw new Error('The spec has not started: call useCaseSpec() at the top of the describe block.');
    return this.ledger;
  }

  /** Facts recorded before the use case runs, appended straight to their streams (no handler, no access check) and projected. */
  async given(...events: LedgerEvent[]): Promise<void> {
    for (const event of events) {
      await this.events.append(streamOf(event), [{
        id: randomBytes(16).toString('hex'), type: event.type, data: { ...event.data }, occurredAt: '2024-03-01T09:00:00.000Z', actor: 'staff-0',
        correlationId: 'spec-given', causationId: null, schemaVersion: SCHEMA_VERSION,
      }], 'any');
    }
    this.givenUpTo = await this.events.headPosition();
    await this.project();
  }

  /** When: the command goes through the CommandBus, as a transport sends it. */
  command<R>(command: Command<R>): Promise<R> {
    return this.get(CommandBus).execute(command);
  }

  /** When: the query goes through the QueryBus once the read models hold every event so far. */
  async query<R>(query: Query<R>): Promise<R> {
    await this.project();
    return this.get(QueryBus).execute(query);
  }

  /** Then: the events appended after the given ones (the access ledger's batch included), in ledger order. */
  async appended(): Promise<Appended[]> {
    await this.get(AccessRecords).log.flush();
    return (await this.events.readAll({ fromPosition: this.givenUpTo })).map(({ streamId, type, data }) => ({ streamId, type, data }));
  }

  /** Then: the use case was refused with this code (AccessDenied, DomainError or ApplicationError), having appended nothing. */
  async refused(run: () => Promise<unknown>): Promise<string> {
    const head = await this.events.headPosition();
    const error: unknown = await run().then(() => new Error('expected a refusal, but the use case succeeded'), (e: unknown) => e);
    if (!(error instanceof Error) || !('code' in error)) throw error;
    await this.get(AccessRecords).log.flush();
    expect(await this.events.headPosition()).toBe(head);
    return String(error.code);
  }

  /** Brings the read models up to every event so far (creating their collections on the first call). */
  private async project(): Promise<void> {
    await catchUpViews(this.events, this.views as MemoryReadStore, await this.events.headPosition());
  }

  /** A provider of the application (a service, a bus, a port by its token). */
  get<T>(type: (new (...args: never[]) => T) | symbol): T {
    if (!this.app) throw new Error('The spec has not started: call useCaseSpec() at the top of the describe block.');
    return this.app.get(type);
  }
}

/** A use case spec that starts on empty stores before each test and stops after it. */
export function useCaseSpec(): UseCaseSpec {
  const spec = new UseCaseSpec();
  beforeEach(() => spec.start());
  afterEach(() => spec.stop());
  return spec;
}

function streamOf(event: LedgerEvent): string {
  if (isInteractionEvent(event)) return interactionStreamId(event.data.interactionId);
  if (isCorrespondenceEvent(event)) return correspondenceStreamId(event.data.correspondenceId);
  return partyStreamId(event.data.partyId);
}

/** A person registered by a department. */
export function partyRegistered(partyId: string, department: string, full = 'Ada Lovelace'): PartyRegistered {
  return { type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full }, department } };
}
