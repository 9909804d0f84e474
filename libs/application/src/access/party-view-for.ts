import { ContactCell, PartyView, sumContactCells } from '@civic-ledger/read-models';
import { inScope, ReadScope } from './access-policy';

/**
 * A party's consolidated view as a reader with this scope may see it: open correspondence only of
 * departments (and for roles) that read it, and contact counts and the last contact summed from the
 * contact cells (department × confidentiality level) of the interactions it may see. The cells themselves
 * are never shown.
 */
export function partyViewFor(scope: ReadScope, party: PartyView, cells: readonly ContactCell[]): PartyView {
  const { contactCells: _cells, ...shown } = party;
  const openCorrespondence = party.openCorrespondence.filter((c) => inScope(scope, { kind: 'correspondence', department: c.department }));
  const seen = cells.filter((c) => inScope(scope, { kind: 'interaction', department: c[0], confidentiality: c[1] }));
  return { ...shown, openCorrespondence, ...sumContactCells(seen) };
}
