import { PartyView } from '@civic-ledger/read-models';
import { inScope, ReadScope } from './access-policy';

export type ContactSummary = Pick<PartyView, 'interactionCounts' | 'lastContact'>;

/**
 * A party's consolidated view as a reader with this scope may see it: open correspondence only of
 * departments (and for roles) that read it, and contact counts and the last contact only from the
 * interactions it may see (`summary`, computed under the same scope; ignored when nothing is filtered).
 */
export function partyViewFor(scope: ReadScope, party: PartyView, summary: ContactSummary | null): PartyView {
  const openCorrespondence = party.openCorrespondence.filter((c) => inScope(scope, { kind: 'correspondence', department: c.department }));
  return { ...party, openCorrespondence, ...(scope.unrestricted || !summary ? {} : summary) };
}

