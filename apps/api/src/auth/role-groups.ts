import { Role, ROLES } from './roles';

/** Staff who record contacts. */
export const STAFF: Role[] = ['clerk', 'caseworker', 'supervisor'];
/** Who reads parties, interactions and timelines (each within their departments and confidentiality levels). */
export const READERS: Role[] = [...STAFF, 'auditor', 'service'];
export const ANY_ROLE: Role[] = [...ROLES];
