import { COLLECTIONS, ContactCell, LastContact, PartyView } from './views';
import { ReadStore } from './read-store.port';

/** What a party view shows of its contacts: interactions per channel and the last contact. */
export type ContactSummary = Pick<PartyView, 'interactionCounts' | 'lastContact'>;

/** The later of two contacts by business time; on equal times the greater interaction id (deterministic). */
export function laterContact(a: LastContact | null, b: LastContact | null): LastContact | null {
  if (!a || !b) return a ?? b;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return a.interactionId >= b.interactionId ? a : b;
}

/** Sums cells into counts per channel and the last contact: a handful of cells, whatever the history. */
export function sumContactCells(cells: readonly ContactCell[]): ContactSummary {
  const interactionCounts: Record<string, number> = {};
  let lastContact: LastContact | null = null;
  for (const cell of cells) {
    for (const [channel, n] of Object.entries(cell.counts)) interactionCounts[channel] = (interactionCounts[channel] ?? 0) + n;
    lastContact = laterContact(lastContact, cell.last);
  }
  return { interactionCounts, lastContact: lastContact && { ...lastContact } };
}

/**
 * The contact cells of a party and of the parties merged into it: the party document plus one read of
 * the merged ones (none when nothing was merged), independent of how many contacts they had.
 */
export async function contactCells(store: ReadStore, party: PartyView): Promise<ContactCell[]> {
  const merged = party.mergedFrom.length > 0 ? await store.getMany<PartyView>(COLLECTIONS.parties, party.mergedFrom) : [];
  return [party, ...merged].flatMap((p) => p.contactCells ?? []);
}
