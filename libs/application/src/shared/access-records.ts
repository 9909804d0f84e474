import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { AccessLog } from '@civic-ledger/audit';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { PERSON_ROLES, Principal } from '../access/roles';

/**
 * The access ledger as use cases write it: every read of a party's record by a person (machine clients
 * are not people; their reads are not recorded), and every break-glass grant. Batched, hash-chained events.
 */
@Injectable()
export class AccessRecords implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AccessLog');
  readonly log: AccessLog;

  constructor(@Inject(EVENT_STORE) events: EventStore) {
    this.log = new AccessLog(events, {
      onError: (error) => this.logger.error({ errorName: error instanceof Error ? error.name : 'Error' }, 'access records not stored yet; retrying'),
    });
  }

  /** Resolves once the access is stored (at once for a machine client, whose reads are not recorded). */
  record(principal: Principal, partyId: string, endpoint: string, purpose?: string, correlationId?: string): Promise<void> {
    if (!PERSON_ROLES.includes(principal.role)) return Promise.resolve();
    return this.log.record({ partyId, actor: principal.sub, role: principal.role, endpoint, purpose, correlationId, at: new Date() });
  }

  /** One listing of parties (a search) shown to a person: one "listed" entry naming them all, not a look at each. */
  listed(principal: Principal, partyIds: readonly string[], endpoint: string, purpose?: string, correlationId?: string): Promise<void> {
    if (!PERSON_ROLES.includes(principal.role) || partyIds.length === 0) return Promise.resolve();
    return this.log.record({ access: 'listed', partyIds, actor: principal.sub, role: principal.role, endpoint, purpose, correlationId, at: new Date() });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.log.flush();
  }
}
