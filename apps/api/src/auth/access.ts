import { PartyView } from '@civic-ledger/read-models';
import { ApiError } from '../http/api-error';
import { CORRESPONDENCE_READERS, departmentScope, Principal, seesDepartment, seesItem, seesParty } from './roles';

export function forbidden(detail: string): ApiError {
  return new ApiError('AUTH.FORBIDDEN', detail);
}

export function assertSeesParty(principal: Principal, party: PartyView): void {
  if (!seesParty(principal, party)) throw forbidden('This party has not been dealt with by your departments.');
}

export function assertSeesItem(principal: Principal, item: { department?: string; confidentiality?: string }): void {
  if (!seesItem(principal, item)) throw forbidden('This record belongs to another department or to a confidentiality level your role does not see.');
}

/** Records are made for the principal's own departments only. */
export function assertActsFor(principal: Principal, department: string | undefined): void {
  if (department !== undefined && !seesDepartment(principal, department)) throw forbidden(`You record for ${departmentScope(principal)?.join(', ') || 'no department'}, not ${department}.`);
}

/** The view as the principal may see it: open correspondence only for correspondence readers of its department. */
export function partyViewFor(principal: Principal, party: PartyView): PartyView {
  const readsCorrespondence = CORRESPONDENCE_READERS.includes(principal.role);
  return { ...party, openCorrespondence: readsCorrespondence ? party.openCorrespondence.filter((c) => seesDepartment(principal, c.department)) : [] };
}
