/** Roles and principals live with the access policy in libs/application; re-exported for the HTTP edge. */
export { CORRESPONDENCE_READERS, PERSON_ROLES, REPLAY_ROLES, ROLES } from '@civic-ledger/application';
export type { Principal, Role } from '@civic-ledger/application';
