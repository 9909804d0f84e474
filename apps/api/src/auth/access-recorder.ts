import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { AccessLog } from '@civic-ledger/audit';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { ApiError } from '../http/api-error';
import { AuthenticatedRequest, principalOf } from './auth.decorators';
import { PERSON_ROLES, Principal } from './roles';

const PURPOSE = /^[\x20-\x7e]{1,200}$/;

/**
 * Puts every read of a party's record by a person into the access ledger (machine clients are not
 * people; their reads are not recorded). The reason given in `X-Purpose` goes with it.
 */
@Injectable()
export class AccessRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AccessLog');
  readonly log: AccessLog;

  constructor(@Inject(EVENT_STORE) events: EventStore) {
    this.log = new AccessLog(events, {
      onError: (error) => this.logger.error({ errorName: error instanceof Error ? error.name : 'Error' }, 'access records not stored yet; retrying'),
    });
  }

  /** Checks X-Purpose before the read, so a bad header is refused rather than dropped. */
  purposeOf(req: AuthenticatedRequest): string | undefined {
    const raw = req.headers['x-purpose'];
    const purpose = Array.isArray(raw) ? raw[0] : raw;
    if (purpose !== undefined && !PURPOSE.test(purpose)) {
      throw new ApiError('VALIDATION.FAILED', 'X-Purpose must be 1-200 printable ASCII characters.', [{ field: 'X-Purpose', messages: ['1-200 printable ASCII characters'] }]);
    }
    return purpose;
  }

  record(req: AuthenticatedRequest, partyId: string, endpoint: string): void {
    const correlation = req.headers['x-correlation-id'];
    this.recordFor(principalOf(req), partyId, endpoint, this.purposeOf(req), typeof correlation === 'string' ? correlation : undefined);
  }

  /** A read (or a break-glass grant) by a principal outside a request's own read path. */
  recordFor(principal: Principal, partyId: string, endpoint: string, purpose?: string, correlationId?: string): void {
    if (!PERSON_ROLES.includes(principal.role)) return;
    this.log.record({ partyId, actor: principal.sub, role: principal.role, endpoint, purpose, correlationId, at: new Date() });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.log.flush();
  }
}
