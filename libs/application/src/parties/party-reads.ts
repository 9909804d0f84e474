import { DomainError } from '@civic-ledger/domain';
import { COLLECTIONS, ContactCell, contactCells, PartyView, ReadStore, TimelineFilter } from '@civic-ledger/read-models';
import { PointInTime } from '@civic-ledger/audit';
import { Action, partyViewFor, Principal, ReadScope, requireAccess } from '../access';

/** What the party queries share: the one access check on a live party, and how a reader's scope shapes what it sees. */

export const notFound = () => new DomainError('PARTY.NOT_FOUND', 'The party does not exist (or did not exist at that time).');
export const isHistorical = (at: PointInTime) => at.asOf !== undefined || at.occurredBy !== undefined;

/** The timeline filter of a reader: departments, confidentiality levels and kinds of entries it may see. */
export function scopeFilter(scope: ReadScope): Pick<TimelineFilter, 'departments' | 'confidentiality' | 'kinds'> {
  return { departments: scope.departments ?? undefined, confidentiality: scope.confidentiality, kinds: scope.kinds };
}

/** A party's view as the scope shows it, its counts summed from the contact cells (live or replayed) the scope allows. */
export async function shownIn(scope: ReadScope, party: PartyView, cells: () => Promise<ContactCell[]>): Promise<PartyView> {
  return partyViewFor(scope, party, await cells());
}

/** Contact cells of a live party (and the parties merged into it): as many reads as merges, whatever the history. */
export const liveCells = (views: ReadStore, party: PartyView) => (): Promise<ContactCell[]> => contactCells(views, party);

/** The live party, checked against the one policy (unknown 404, not seen 403). */
export async function seenParty(views: ReadStore, principal: Principal, action: Action, partyId: string): Promise<PartyView> {
  const party = await views.get<PartyView>(COLLECTIONS.parties, partyId);
  if (!party) throw notFound();
  requireAccess(principal, action, { kind: 'party', departments: party.departments });
  return party;
}

