import { Query } from '@nestjs/cqrs';
import { Confidentiality } from '@civic-ledger/domain';
import { Action } from '../../access/access-policy';
import { Principal, Role } from '../../access/roles';

/** The signed-in principal as a client shows it, and what it may do (from the one policy). */
export interface Me {
  readonly subject: string;
  readonly role: Role;
  readonly departments: readonly string[];
  /** True for body-wide roles (not limited to their departments). */
  readonly allDepartments: boolean;
  /** Confidentiality levels the role reads. */
  readonly confidentiality: readonly Confidentiality[];
  /** Every action the role may take, sorted; records are still checked one by one. */
  readonly actions: readonly Action[];
  /** When the token expires (ISO 8601), or null when unknown. */
  readonly expiresAt: string | null;
}

export class GetMeQuery extends Query<Me> {
  constructor(readonly principal: Principal) {
    super();
  }
}
