import type { Principal } from '../access/roles';

/** What every write carries from its transport: who, with which rights, correlation, idempotency and precondition. */
export interface CommandContext {
  readonly actor: string;
  /** Who asks, as the access policy sees them (role and departments); scopes idempotency keys too. */
  readonly principal: Principal;
  readonly correlationId: string;
  readonly idempotencyKey?: string;
  /** Hash of the request as the transport received it: a reused key with another request is refused (only compared with an idempotencyKey; may be empty without one). */
  readonly requestHash: string;
  /** The revision the client last saw (HTTP If-Match); undefined means any. */
  readonly expectedRevision?: number;
}
