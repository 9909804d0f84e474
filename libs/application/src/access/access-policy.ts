import { Confidentiality, CONFIDENTIALITY_LEVELS } from '@civic-ledger/domain';
import { CORRESPONDENCE_READERS, departmentScope, Principal, REPLAY_ROLES, Role, ROLES, seesDepartment, visibleLevels } from './roles';

/**
 * The one access policy: who may do what (role × action) to which record (department × confidentiality).
 * Every command and query handler asks it before touching a record, and every derived read (timeline,
 * counts, diffs, search, exports, lists) filters through `readScope`, so no path keeps its own copy.
 */
const STAFF: readonly Role[] = ['clerk', 'caseworker', 'supervisor'];
const READERS: readonly Role[] = [...STAFF, 'auditor', 'service'];

export const ACTION_ROLES = {
  'party.register': STAFF,
  'party.read': [...READERS, 'privacy-officer'],
  'party.update': STAFF,
  'party.consent': [...STAFF, 'privacy-officer'],
  'party.consent-check': [...STAFF, 'auditor', 'privacy-officer', 'service'],
  'party.relate': ['caseworker', 'supervisor'],
  'party.merge': ['supervisor'],
  'party.erase': ['privacy-officer'],
  'party.replay': REPLAY_ROLES,
  'party.export': ['auditor', 'privacy-officer'],
  'party.bundle': ['auditor'],
  'party.timeline': READERS,
  'party.access-grants': ['privacy-officer', 'auditor'],
  'party.revoke-access': ['privacy-officer'],
  'audit.verify': ['auditor'],
  'audit.access': ['auditor', 'privacy-officer'],
  'interaction.record': STAFF,
  'interaction.read': READERS,
  'interaction.amend': STAFF,
  'interaction.link': ['caseworker', 'supervisor'],
  'interaction.classify': ['caseworker', 'supervisor'],
  'correspondence.receive': STAFF,
  'correspondence.read': CORRESPONDENCE_READERS,
  'correspondence.handle': ['caseworker', 'supervisor'],
  'session.read': ROLES,
  'audit.sign-checkpoint': ['auditor'],
  'audit.checkpoints': ['auditor', 'service'],
  'audit.proofs': ['auditor', 'service'],
  'audit.public-key': ROLES,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTION_ROLES;

/** The roles that may take an action at all (the route gate); records are checked by `can`. */
export function rolesFor(action: Action): Role[] {
  return [...ACTION_ROLES[action]];
}

/** Every action a role may take (before any record is checked), sorted: what a client may offer the principal. */
export function actionsOf(role: Role): Action[] {
  return (Object.keys(ACTION_ROLES) as Action[]).filter((action) => (ACTION_ROLES[action] as readonly Role[]).includes(role)).sort();
}

export interface PartyRecord { readonly kind: 'party'; readonly departments: readonly string[] }
export interface InteractionRecord { readonly kind: 'interaction'; readonly department: string; readonly confidentiality?: string }
export interface CorrespondenceRecord { readonly kind: 'correspondence'; readonly department: string }
export type AccessRecord = PartyRecord | InteractionRecord | CorrespondenceRecord;

export type AccessDeniedCode = 'AUTH.FORBIDDEN' | 'AUTH.BREAK_GLASS_REQUIRED';

/** A read or a write of a record the principal may not see: the same answer for both (403). */
export class AccessDenied extends Error {
  constructor(readonly code: AccessDeniedCode, message: string) {
    super(message);
    this.name = 'AccessDenied';
  }
}

const DENIED: Record<AccessRecord['kind'], string> = {
  party: 'This party has not been dealt with by your departments.',
  interaction: 'This interaction belongs to another department or to a confidentiality level your role does not see.',
  correspondence: 'This correspondence belongs to another department or your role does not read correspondence.',
};

function sees(principal: Principal, record: AccessRecord): boolean {
  switch (record.kind) {
    case 'party': {
      const scope = departmentScope(principal);
      return scope === null || record.departments.some((d) => scope.includes(d));
    }
    case 'interaction':
      return seesDepartment(principal, record.department) && (visibleLevels(principal) as readonly string[]).includes(record.confidentiality ?? 'normal');
    case 'correspondence':
      return CORRESPONDENCE_READERS.includes(principal.role) && seesDepartment(principal, record.department);
  }
}

/** May the principal take the action on the record (role, then the record's department and confidentiality)? */
export function can(principal: Principal, action: Action, record?: AccessRecord): boolean {
  if (!(ACTION_ROLES[action] as readonly Role[]).includes(principal.role)) return false;
  return record === undefined || sees(principal, record);
}

export function requireAccess(principal: Principal, action: Action, record?: AccessRecord): void {
  if (can(principal, action, record)) return;
  if (record && (ACTION_ROLES[action] as readonly Role[]).includes(principal.role)) throw new AccessDenied('AUTH.FORBIDDEN', DENIED[record.kind]);
  throw new AccessDenied('AUTH.FORBIDDEN', `This needs one of the roles ${ACTION_ROLES[action].join(', ')}; the token's role is ${principal.role}.`);
}

/** Records are made for the principal's own departments only. */
export function requireActsFor(principal: Principal, department: string | undefined): void {
  if (department !== undefined && !seesDepartment(principal, department)) {
    throw new AccessDenied('AUTH.FORBIDDEN', `You record for ${departmentScope(principal)?.join(', ') || 'no department'}, not ${department}.`);
  }
}

/** A confidentiality level may be given only by a role that reads records at that level. */
export function requireClassify(principal: Principal, level: string | undefined): void {
  if (level === undefined || (visibleLevels(principal) as readonly string[]).includes(level)) return;
  throw new AccessDenied('AUTH.FORBIDDEN', `Your role (${principal.role}) may classify records up to ${visibleLevels(principal).at(-1)}, not ${level}.`);
}

export type TimelineKind = 'profile' | 'interaction' | 'correspondence';

/** What a principal reads through derived reads: timelines, contact counts, diffs, replays, lists. */
export interface ReadScope {
  /** Departments whose records it reads; null for every department. */
  readonly departments: readonly string[] | null;
  readonly confidentiality: readonly Confidentiality[];
  readonly kinds: readonly TimelineKind[];
  /** True when nothing is filtered out (body-wide and every level and kind). */
  readonly unrestricted: boolean;
}

export function readScope(principal: Principal): ReadScope {
  const departments = departmentScope(principal);
  const confidentiality = visibleLevels(principal);
  const kinds: TimelineKind[] = CORRESPONDENCE_READERS.includes(principal.role) ? ['profile', 'interaction', 'correspondence'] : ['profile', 'interaction'];
  return { departments, confidentiality, kinds, unrestricted: departments === null && confidentiality.length === CONFIDENTIALITY_LEVELS.length && kinds.length === 3 };
}

/** An entry of a derived read (timeline entry, event of a diff) as the scope sees it. */
export function inScope(scope: ReadScope, entry: { kind: TimelineKind; department?: string; confidentiality?: string }): boolean {
  if (!scope.kinds.includes(entry.kind)) return false;
  if (entry.kind === 'profile') return true;
  if (scope.departments !== null && (entry.department === undefined || !scope.departments.includes(entry.department))) return false;
  return (scope.confidentiality as readonly string[]).includes(entry.confidentiality ?? 'normal');
}
