import { Injectable } from '@nestjs/common';
import { AccessLog } from '@civic-ledger/audit';
import { AccessRecords } from '@civic-ledger/application';
import { ApiError } from '../http/api-error';
import { AuthenticatedRequest, principalOf } from './auth.decorators';

const PURPOSE = /^[\x20-\x7e]{1,200}$/;

function correlationOf(req: AuthenticatedRequest): string | undefined {
  const correlation = req.headers['x-correlation-id'];
  return typeof correlation === 'string' ? correlation : undefined;
}

/**
 * The HTTP side of the access ledger: every read of a party's record by a person goes in with the
 * reason given in `X-Purpose` and the request's correlation id (the ledger itself is AccessRecords).
 */
@Injectable()
export class AccessRecorder {
  constructor(private readonly records: AccessRecords) {}

  get log(): AccessLog {
    return this.records.log;
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

  /** Resolves once the access is stored: a read answers after that, never before. */
  record(req: AuthenticatedRequest, partyId: string, endpoint: string): Promise<void> {
    return this.records.record(principalOf(req), partyId, endpoint, this.purposeOf(req), correlationOf(req));
  }

  /** One "listed" entry for a listing (a search) naming every party it showed. */
  listed(req: AuthenticatedRequest, partyIds: readonly string[], endpoint: string): Promise<void> {
    return this.records.listed(principalOf(req), partyIds, endpoint, this.purposeOf(req), correlationOf(req));
  }
}
