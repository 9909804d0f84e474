import { AccessDenied, Action, actionsOf, can, inScope, readScope, requireAccess, requireActsFor, requireClassify } from './access-policy';
import { Principal, Role, ROLES } from './roles';

/**
 * The whole matrix, written down independently of the policy's code: role × action × record department
 * (own / other) × confidentiality. docs/privacy.md shows the same table for people.
 */
type Cell = 'yes' | 'no';
const LEVELS = ['normal', 'sensitive', 'restricted'] as const;

/** Which confidentiality levels each role reads (and may classify). */
const READS: Record<Role, readonly string[]> = {
  clerk: ['normal'], caseworker: ['normal', 'sensitive'], supervisor: LEVELS, auditor: LEVELS, 'privacy-officer': ['normal'], service: ['normal'],
};
/** Roles not limited to their departments. */
const BODY_WIDE: readonly Role[] = ['auditor', 'privacy-officer', 'service'];

/** Who may take each action at all. */
const MAY: Record<Action, readonly Role[]> = {
  'party.register': ['clerk', 'caseworker', 'supervisor'],
  'party.read': ['clerk', 'caseworker', 'supervisor', 'auditor', 'service', 'privacy-officer'],
  'party.update': ['clerk', 'caseworker', 'supervisor'],
  'party.consent': ['clerk', 'caseworker', 'supervisor', 'privacy-officer'],
  'party.consent-check': ['clerk', 'caseworker', 'supervisor', 'auditor', 'privacy-officer', 'service'],
  'party.relate': ['caseworker', 'supervisor'],
  'party.merge': ['supervisor'],
  'party.erase': ['privacy-officer'],
  'party.replay': ['supervisor', 'auditor'],
  'party.export': ['auditor', 'privacy-officer'],
  'party.bundle': ['auditor'],
  'party.timeline': ['clerk', 'caseworker', 'supervisor', 'auditor', 'service'],
  'party.access-grants': ['privacy-officer', 'auditor'],
  'party.revoke-access': ['privacy-officer'],
  'audit.verify': ['auditor'],
  'audit.access': ['auditor', 'privacy-officer'],
  'interaction.record': ['clerk', 'caseworker', 'supervisor'],
  'interaction.read': ['clerk', 'caseworker', 'supervisor', 'auditor', 'service'],
  'interaction.amend': ['clerk', 'caseworker', 'supervisor'],
  'interaction.link': ['caseworker', 'supervisor'],
  'interaction.classify': ['caseworker', 'supervisor'],
  'correspondence.receive': ['clerk', 'caseworker', 'supervisor'],
  'correspondence.read': ['caseworker', 'supervisor', 'auditor', 'service'],
  'correspondence.handle': ['caseworker', 'supervisor'],
  'session.read': ['clerk', 'caseworker', 'supervisor', 'auditor', 'privacy-officer', 'service'],
  'audit.sign-checkpoint': ['auditor'],
  'audit.checkpoints': ['auditor', 'service'],
  'audit.proofs': ['auditor', 'service'],
  'audit.public-key': ['clerk', 'caseworker', 'supervisor', 'auditor', 'privacy-officer', 'service'],
};

const principal = (role: Role): Principal => ({ sub: `${role}-1`, role, departments: ['housing'] });

/** Actions that make a new record for a department (no record to see yet). */
const CREATE: readonly Action[] = ['party.register', 'interaction.record', 'correspondence.receive'];
/** Actions about the principal itself or the ledger as a whole (no record). */
const OWN: readonly Action[] = ['session.read', 'audit.access', 'audit.verify', 'audit.sign-checkpoint', 'audit.checkpoints', 'audit.proofs', 'audit.public-key'];

function expected(role: Role, action: Action, department: 'housing' | 'waste', level: string): Cell {
  if (!MAY[action].includes(role)) return 'no';
  if (OWN.includes(action)) return 'yes';
  const inDepartment = department === 'housing' || BODY_WIDE.includes(role);
  if (action === 'interaction.record') return inDepartment && READS[role].includes(level) ? 'yes' : 'no';
  if (CREATE.includes(action)) return inDepartment ? 'yes' : 'no';
  if (action.startsWith('party.')) return inDepartment ? 'yes' : 'no';
  if (action.startsWith('correspondence.')) return inDepartment ? 'yes' : 'no';
  return inDepartment && READS[role].includes(level) ? 'yes' : 'no';
}

function record(action: Action, department: string, level: string) {
  if (action.startsWith('party.')) return { kind: 'party' as const, departments: [department] };
  if (action.startsWith('correspondence.')) return { kind: 'correspondence' as const, department };
  return { kind: 'interaction' as const, department, confidentiality: level };
}

const CELLS = ROLES.flatMap((role) => (Object.keys(MAY) as Action[]).flatMap((action) =>
  (['housing', 'waste'] as const).flatMap((department) => LEVELS.map((level) => [role, action, department, level] as const))));

describe('the access policy, every cell', () => {
  it.each(CELLS)('%s may %s a record of %s at level %s as the table says', (role, action, department, level) => {
    const p = principal(role);
    const want = expected(role, action, department, level);
    if (OWN.includes(action)) {
      expect(can(p, action) ? 'yes' : 'no').toBe(want);
      return;
    }
    if (CREATE.includes(action)) {
      const create = () => {
        requireAccess(p, action);
        requireActsFor(p, department);
        if (action === 'interaction.record') requireClassify(p, level);
      };
      if (want === 'yes') expect(create).not.toThrow();
      else expect(create).toThrow(AccessDenied);
      return;
    }
    const r = record(action, department, level);
    expect(can(p, action, r) ? 'yes' : 'no').toBe(want);
    if (want === 'no') expect(() => requireAccess(p, action, r)).toThrow(AccessDenied);
  });

  it.each(ROLES.flatMap((role) => LEVELS.map((level) => [role, level] as const)))('%s classifies at %s only if it reads that level', (role, level) => {
    const classify = () => requireClassify(principal(role), level);
    if (READS[role].includes(level)) expect(classify).not.toThrow();
    else expect(classify).toThrow(AccessDenied);
  });
});

describe('what a role may do at all', () => {
  it.each(ROLES)('%s is offered exactly the actions the table gives its role, sorted', (role) => {
    const mine = (Object.keys(MAY) as Action[]).filter((action) => MAY[action].includes(role)).sort();
    expect(actionsOf(role)).toEqual(mine);
    expect(actionsOf(role)).toContain('session.read');
  });
});

describe('derived reads follow the same table', () => {
  it.each(ROLES)('%s sees timeline entries exactly as it sees the records behind them', (role) => {
    const scope = readScope(principal(role));
    for (const department of ['housing', 'waste'] as const) {
      for (const level of LEVELS) {
        const interaction = inScope(scope, { kind: 'interaction', department, confidentiality: level });
        if (MAY['interaction.read'].includes(role)) expect(interaction).toBe(can(principal(role), 'interaction.read', { kind: 'interaction', department, confidentiality: level }));
        else expect(interaction).toBe(READS[role].includes(level));
        const correspondence = inScope(scope, { kind: 'correspondence', department });
        expect(correspondence).toBe(can({ ...principal(role) }, 'correspondence.read', { kind: 'correspondence', department }));
      }
    }
    expect(inScope(scope, { kind: 'profile' })).toBe(true);
  });
});
