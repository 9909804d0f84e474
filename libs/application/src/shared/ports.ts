/**
 * DI tokens of ports the use cases need beyond the event and read stores (EVENT_STORE, READ_STORE live
 * with their ports). The composition lib provides them.
 */
/** The event store as stored (personal fields sealed): what hash chains, checkpoints and proofs are computed over. */
export const STORED_EVENTS = Symbol('STORED_EVENTS');
/** Signs ledger checkpoints (Ed25519). */
export const AUDIT_SIGNER = Symbol('AUDIT_SIGNER');
