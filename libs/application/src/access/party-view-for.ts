import { ContactCell, PartyView, sumContactCells } from '@civic-ledger/read-models';
import { inScope, ReadScope } from './access-policy';

/**
 * A party's consolidated view as a reader with this scope may see it: open correspondence only of
 * departments (and for roles) that read it, and contact counts and the last contact summed from the
 * contact cells (department × confidentiality level) of the interactions it may see. The cells themselves
 * are never shown.
 */
export function partyViewFor(scope: ReadScope, party: PartyView, cells: readonly ContactCell[]): PartyView {
  // Member by member, in the document's order: the same object as `{ ...rest, openCorrespondence, ...summary }`
  // would give, at a third of the cost of object rest and spread on a document this size (every view pays it).
  // Own members only, as spread; a member named __proto__ (no projection writes one) would set the prototype.
  const shown: Record<string, unknown> = {};
  for (const key of Object.keys(party)) if (key !== 'contactCells' && key !== '__proto__') shown[key] = party[key];
  shown.openCorrespondence = party.openCorrespondence.filter((c) => inScope(scope, { kind: 'correspondence', department: c.department }));
  const summary = sumContactCells(cells.filter((c) => inScope(scope, { kind: 'interaction', department: c[0], confidentiality: c[1] })));
  shown.interactionCounts = summary.interactionCounts;
  shown.lastContact = summary.lastContact;
  return shown as PartyView;
}
