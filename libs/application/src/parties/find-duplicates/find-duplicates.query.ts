import { Query } from '@nestjs/cqrs';
import { Page } from '@civic-ledger/read-models';
import { Principal } from '../../access/roles';

/** Parties that share one exact e-mail, phone or identifier, as a supervisor may see them. */
export interface DuplicateCandidate {
  readonly key: 'email' | 'phone' | 'identifier';
  /** The shared value, masked. */
  readonly hint: string;
  /** At least two active parties the reader sees, in id order. */
  readonly parties: readonly { id: string; displayName: string }[];
}

export class FindDuplicatesQuery extends Query<Page<DuplicateCandidate>> {
  constructor(readonly principal: Principal, readonly limit: number, readonly cursor?: string) {
    super();
  }
}
