import { Confidentiality } from '@civic-ledger/domain';

/**
 * Who may see what. Roles come from the bearer token; departments scope what staff see; the
 * confidentiality level of an interaction decides who sees it at all.
 */
export const ROLES = ['clerk', 'caseworker', 'supervisor', 'auditor', 'privacy-officer', 'service'] as const;
export type Role = (typeof ROLES)[number];


export interface Principal {
  /** Subject of the token: the staff member or machine client; recorded as the actor of every event. */
  readonly sub: string;
  readonly role: Role;
  /** Departments the principal works for (scope of clerks, caseworkers and supervisors). */
  readonly departments: readonly string[];
  /** When the token expires (ISO 8601), when the token says. */
  readonly expiresAt?: string;
}

/** Staff roles (the people) whose reads of a party's record go into the access ledger. */
export const PERSON_ROLES: readonly Role[] = ['clerk', 'caseworker', 'supervisor', 'auditor', 'privacy-officer'];

const SEES: Record<Role, readonly Confidentiality[]> = {
  clerk: ['normal'],
  caseworker: ['normal', 'sensitive'],
  supervisor: ['normal', 'sensitive', 'restricted'],
  auditor: ['normal', 'sensitive', 'restricted'],
  'privacy-officer': ['normal'],
  service: ['normal'],
};

/** Roles that are not limited to departments (they read across the whole body). */
const BODY_WIDE: readonly Role[] = ['auditor', 'privacy-officer', 'service'];

export function visibleLevels(principal: Principal): readonly Confidentiality[] {
  return SEES[principal.role];
}

/** null: every department. */
export function departmentScope(principal: Principal): readonly string[] | null {
  return BODY_WIDE.includes(principal.role) ? null : principal.departments;
}

export function seesDepartment(principal: Principal, department: string | undefined): boolean {
  const scope = departmentScope(principal);
  return scope === null || (department !== undefined && scope.includes(department));
}

/** Roles that read correspondence (subjects and lifecycle). */
export const CORRESPONDENCE_READERS: readonly Role[] = ['caseworker', 'supervisor', 'auditor', 'service'];
/** Roles that replay a record as it was known at a past instant. */
export const REPLAY_ROLES: readonly Role[] = ['supervisor', 'auditor'];
