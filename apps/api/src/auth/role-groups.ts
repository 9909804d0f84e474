import { Role, ROLES } from '@civic-ledger/application';

/** Every role (routes any authenticated principal may call). */
export const ANY_ROLE: Role[] = [...ROLES];
